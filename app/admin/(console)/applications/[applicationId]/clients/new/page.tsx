import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TextLink } from '@/components/text-link';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { getApplication } from '@/lib/platform/applications';
import { requirePlatformConsole } from '@/lib/platform/console-access';
import { ClientForm } from '../../../_components/client-form';
import { createClientAction } from '../../../actions';
import { CLIENT_CHOICES, NEW_CLIENT, organizationChoices } from '../../../client-defaults';
import { orNotFound } from '../../../data';

type Params = { params: Promise<{ applicationId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { applicationId } = await params;
  const { actor } = await requirePlatformConsole(`/admin/applications/${applicationId}/clients/new`);
  const app = await orNotFound(applicationId, () => getApplication(actor, applicationId));
  return { title: (await getTranslations('adminApps.titles'))('newClient', { name: app.name }) };
}

/** A new client of the application; its secret is shown once, in the action's answer on this page. */
export default async function NewClientPage({ params }: Params) {
  const { applicationId } = await params;
  const { actor } = await requirePlatformConsole(`/admin/applications/${applicationId}/clients/new`);
  const app = await orNotFound(applicationId, () => getApplication(actor, applicationId));
  const t = await getTranslations('adminApps.newClient');
  const base = `/admin/applications/${applicationId}`;
  return (
    <>
      <p className="text-sm">
        <TextLink href={base}>{t('back', { name: app.name })}</TextLink>
      </p>
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('title')}</CardTitle>
          <CardDescription>{t('description', { name: app.name })}</CardDescription>
        </CardHeader>
        <CardContent>
          <ClientForm
            action={createClientAction}
            hidden={{ applicationId }}
            defaults={NEW_CLIENT}
            choices={CLIENT_CHOICES}
            organizations={await organizationChoices(actor)}
            clientsBase={`${base}/clients/`}
            submitLabel={t('create')}
            pendingLabel={t('creating')}
          />
        </CardContent>
      </Card>
    </>
  );
}
