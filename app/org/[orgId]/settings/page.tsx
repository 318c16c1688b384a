import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { orgPage } from '../org-page';
import { DeleteOrganizationForm } from './delete-organization-form';
import { SettingsForm } from './settings-form';

type Params = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { org } = await orgPage((await params).orgId);
  return { title: (await getTranslations('console.titles'))('settings', { org: org.name }) };
}

export default async function SettingsPage({ params }: Params) {
  const { orgId } = await params;
  const { access, org } = await orgPage(orgId);
  const t = await getTranslations('console.settings');
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('title')}</CardTitle>
        </CardHeader>
        <CardContent>
          {/* updateOrganization allows owners and platform actors: the superusers of OrgAccess. */}
          <SettingsForm orgId={orgId} name={org.name} requireMfa={org.requireMfa} editable={access.superuser} />
        </CardContent>
      </Card>
      {/* deleteOrganization is an owner's alone. */}
      {access.systemRole === 'owner' ? (
        <Card className="border-destructive/50">
          <CardHeader>
            <CardTitle className="text-lg">{t('deleteTitle')}</CardTitle>
            <CardDescription className="break-words [overflow-wrap:anywhere]">{t('deleteDescription', { org: org.name })}</CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteOrganizationForm orgId={orgId} name={org.name} />
          </CardContent>
        </Card>
      ) : null}
    </>
  );
}
