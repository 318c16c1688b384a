import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { DateTime } from '@/components/account/date-time';
import { TextLink } from '@/components/text-link';
import { ActionForm } from '@/components/org/action-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { getApplication } from '@/lib/platform/applications';
import { getClientAs } from '@/lib/platform/clients';
import { requirePlatformConsole } from '@/lib/platform/console-access';
import { ClientForm } from '../../../_components/client-form';
import { DeleteClientForm } from '../../../_components/delete-client-form';
import { RotateSecretForm } from '../../../_components/rotate-secret-form';
import { deleteClientAction, disableClientAction, enableClientAction, rotateSecretAction, updateClientAction } from '../../../actions';
import { CLIENT_CHOICES, clientDefaults } from '../../../client-defaults';
import { orNotFound } from '../../../data';

type Params = { params: Promise<{ applicationId: string; clientId: string }> };

/** The client, under its own application only: another application's client id is not found here. */
async function load({ applicationId, clientId }: { applicationId: string; clientId: string }) {
  const { actor } = await requirePlatformConsole(`/admin/applications/${applicationId}/clients/${clientId}`);
  const client = await orNotFound(clientId, () => getClientAs(actor, clientId));
  if (client.applicationId !== applicationId) notFound();
  const app = await getApplication(actor, applicationId);
  return { client, app };
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { client } = await load(await params);
  return { title: (await getTranslations('adminApps.titles'))('client', { name: client.name }) };
}

/** Every option of a client (never its secret), its live grants, and rotate, disable/enable and delete. */
export default async function ClientPage({ params, searchParams }: Params & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { client, app } = await load(await params);
  const { done } = await searchParams;
  const [t, tt, tr, tf] = await Promise.all([
    getTranslations('adminApps.client'),
    getTranslations('adminApps.types'),
    getTranslations('adminApps.rotate'),
    getTranslations('adminApps.clientForm'),
  ]);
  const base = `/admin/applications/${app.id}`;
  const row = 'grid grid-cols-1 gap-1 px-4 py-2 text-sm sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-3';
  return (
    <>
      <div className="grid gap-1">
        <p className="text-sm">
          <TextLink href={base}>{t('back', { name: app.name })}</TextLink>
        </p>
        <h2 className="flex flex-wrap items-center gap-2 text-xl font-semibold break-words [overflow-wrap:anywhere]">
          {client.name}
          <Badge variant="outline">{tt(client.type)}</Badge>
          {client.disabledAt ? <Badge variant="destructive">{t('disabledBadge')}</Badge> : null}
        </h2>
      </div>
      {done === 'disabled' && client.disabledAt ? <Alert variant="success">{t('disabled')}</Alert> : null}
      {done === 'enabled' && !client.disabledAt ? <Alert variant="success">{t('enabled')}</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('summaryTitle')}</CardTitle>
          {client.disabledAt ? <CardDescription>{t('disabledSince')}</CardDescription> : null}
        </CardHeader>
        <CardContent>
          <dl className="divide-y rounded-lg border" data-testid="client-summary">
            <div className={row}>
              <dt className="font-medium">{t('clientId')}</dt>
              <dd className="min-w-0 font-mono text-xs break-all" data-testid="client-id">{client.clientId}</dd>
            </div>
            <div className={row}>
              <dt className="font-medium">{t('created')}</dt>
              <dd><DateTime value={client.createdAt} /></dd>
            </div>
            <div className={row}>
              <dt className="font-medium">{t('liveGrants')}</dt>
              <dd data-testid="live-grants">{client.liveGrants}</dd>
            </div>
            <div className={row}>
              <dt className="font-medium">{t('liveRefreshTokens')}</dt>
              <dd>{client.liveRefreshTokens}</dd>
            </div>
            <div className={row}>
              <dt className="font-medium">{t('secret')}</dt>
              <dd>{client.hasSecret ? t('hasSecret') : t('noSecret')}</dd>
            </div>
            {client.previousSecretExpiresAt ? (
              <div className={row}>
                <dt className="font-medium">{t('previousSecret')}</dt>
                <dd><DateTime value={client.previousSecretExpiresAt} /></dd>
              </div>
            ) : null}
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('editTitle')}</CardTitle>
          <CardDescription>{t('editDescription')}</CardDescription>
        </CardHeader>
        <CardContent>
          <ClientForm
            action={updateClientAction}
            hidden={{ clientId: client.clientId }}
            defaults={clientDefaults(client)}
            choices={CLIENT_CHOICES}
            fixedAdminOrg={client.adminOrgId ? tf('adminOrgFixed', { org: client.adminOrgId }) : tf('adminOrgNone')}
            clientsBase={`${base}/clients/`}
            submitLabel={t('save')}
            pendingLabel={t('saving')}
          />
        </CardContent>
      </Card>
      {client.hasSecret ? (
        <Card>
          <CardHeader>
            <CardTitle className="text-lg">{tr('title')}</CardTitle>
            <CardDescription>{tr('description')}</CardDescription>
          </CardHeader>
          <CardContent>
            <RotateSecretForm action={rotateSecretAction} clientId={client.clientId} />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('disableTitle')}</CardTitle>
          <CardDescription>{t('disableDescription')}</CardDescription>
        </CardHeader>
        <CardContent>
          {client.disabledAt ? (
            <ActionForm action={enableClientAction} hidden={{ clientId: client.clientId }} label={t('enable')} pendingLabel={t('enabling')} />
          ) : (
            <ActionForm
              action={disableClientAction}
              hidden={{ clientId: client.clientId }}
              label={t('disable')}
              confirmLabel={t('disableConfirm')}
              pendingLabel={t('disabling')}
            />
          )}
        </CardContent>
      </Card>
      <Card className="border-destructive/40">
        <CardHeader>
          <CardTitle className="text-lg">{t('deleteTitle')}</CardTitle>
          <CardDescription>{t('deleteDescription')}</CardDescription>
        </CardHeader>
        <CardContent>
          <DeleteClientForm action={deleteClientAction} clientId={client.clientId} />
        </CardContent>
      </Card>
    </>
  );
}
