import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CopyButton } from '@/components/account/copy-button';
import { ActionForm } from '@/components/org/action-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ScrollTable } from '@/components/ui/scroll-table';
import { collectPages } from '@/lib/domain/pagination';
import { getOrgSso, orgSsoRedirectUri, type OrgSso } from '@/lib/federation/org-sso';
import type { OrgAccess } from '@/lib/orgs/access';
import { listRoles } from '@/lib/orgs/roles';
import { roleLabels, roleName } from '../data';
import { orgPage } from '../org-page';
import { disconnectSsoAction, removeSsoDomainAction, removeSsoGroupRoleAction } from './actions';
import { ConnectionForm } from './connection-form';
import { AddDomainForm } from './domain-form';
import { AddGroupRoleForm } from './group-role-form';
import type { SsoRoleChoice } from './role-select';

type Params = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { org } = await orgPage((await params).orgId);
  return { title: (await getTranslations('console.titles'))('sso', { org: org.name }) };
}

/** Every role single sign-on may grant: all of the organization's but owner (see assignableRole). */
async function ssoRoleChoices(access: OrgAccess): Promise<{ choices: SsoRoleChoice[]; memberRoleId: string }> {
  const [roles, labels, t] = await Promise.all([collectPages((q) => listRoles(access, q), 1000), roleLabels(), getTranslations('console.sso')]);
  const choices = roles
    .filter((r) => !(r.isSystem && r.name === 'owner'))
    .map((r) => ({ id: r.id, label: roleName(r, labels), group: r.applicationName ?? t('organizationRoles') }));
  return { choices, memberRoleId: roles.find((r) => r.isSystem && r.name === 'user')!.id };
}

const REMOVED = { sso: 'disconnected', domain: 'domainRemoved', mapping: 'mappingRemoved' } as const;

export default async function SsoPage({ params, searchParams }: Params & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { orgId } = await params;
  const { removed } = await searchParams;
  const { access } = await orgPage(orgId);
  const t = await getTranslations('console.sso');
  // getOrgSso and the changes are the superusers' (owners, platform administrators) alone.
  if (!access.superuser) return <Alert>{t('ownerOnly')}</Alert>;
  const [sso, { choices: roles, memberRoleId }] = await Promise.all([getOrgSso(access), ssoRoleChoices(access)]);

  return (
    <div className="grid gap-6">
      {typeof removed === 'string' && Object.hasOwn(REMOVED, removed) ? <Alert variant="success">{t(REMOVED[removed as keyof typeof REMOVED])}</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('title')}</CardTitle>
          <CardDescription>{sso ? t('connectedDescription') : t('description')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <RedirectUri uri={sso?.redirectUri ?? orgSsoRedirectUri(orgId)} />
          <ConnectionForm
            orgId={orgId}
            connection={sso && { issuer: sso.issuer, clientId: sso.clientId, defaultRoleId: sso.defaultRoleId, requireSso: sso.requireSso }}
            roles={roles}
            memberRoleId={memberRoleId}
          />
        </CardContent>
      </Card>
      {sso ? (
        <>
          <DomainsCard orgId={orgId} domains={sso.domains} />
          <GroupRolesCard orgId={orgId} sso={sso} roles={roles} />
          <Card className="border-destructive/50">
            <CardHeader>
              <CardTitle className="text-lg">{t('disconnectTitle')}</CardTitle>
              <CardDescription>{t('disconnectDescription')}</CardDescription>
            </CardHeader>
            <CardContent>
              <ActionForm
                action={disconnectSsoAction}
                hidden={{ orgId }}
                label={t('disconnect')}
                confirmLabel={t('disconnectConfirm')}
                pendingLabel={t('disconnecting')}
                variant="destructive"
              />
            </CardContent>
          </Card>
        </>
      ) : null}
    </div>
  );
}

async function RedirectUri({ uri }: { uri: string }) {
  const t = await getTranslations('console.sso');
  return (
    <div className="grid gap-1.5 rounded-lg border bg-muted/40 p-3">
      <p className="text-sm font-medium" id="sso-redirect-uri-label">
        {t('redirectUri')}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 rounded bg-background px-2 py-1 font-mono text-sm break-all select-all" aria-labelledby="sso-redirect-uri-label" data-testid="sso-redirect-uri">
          {uri}
        </code>
        <CopyButton text={uri} label={t('copyRedirectUri')} />
      </div>
      <p className="text-xs text-muted-foreground">{t('redirectUriHint')}</p>
    </div>
  );
}

async function DomainsCard({ orgId, domains }: { orgId: string; domains: OrgSso['domains'] }) {
  const t = await getTranslations('console.sso');
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg">{t('domainsTitle')}</CardTitle>
        <CardDescription>{t('domainsDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {domains.length === 0 ? (
          <p className="rounded-lg border px-4 py-6 text-center text-sm text-muted-foreground">{t('domainsEmpty')}</p>
        ) : (
          <ul className="divide-y rounded-lg border" aria-label={t('domainsTitle')}>
            {domains.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <span className="grid min-w-0 gap-1">
                  <span className="font-mono text-sm break-all">{d.domain}</span>
                  {d.confirmedAt ? <Badge variant="success" className="justify-self-start">{t('confirmed')}</Badge> : <Badge variant="outline" className="justify-self-start whitespace-normal">{t('waiting')}</Badge>}
                </span>
                <ActionForm
                  action={removeSsoDomainAction}
                  hidden={{ orgId, domainId: d.id, domain: d.domain }}
                  label={t('removeDomain')}
                  confirmLabel={t('removeDomainConfirm')}
                  pendingLabel={t('removing')}
                />
              </li>
            ))}
          </ul>
        )}
        <AddDomainForm orgId={orgId} />
      </CardContent>
    </Card>
  );
}

async function GroupRolesCard({ orgId, sso, roles }: { orgId: string; sso: OrgSso; roles: SsoRoleChoice[] }) {
  const t = await getTranslations('console.sso');
  const labelOf = new Map(roles.map((r) => [r.id, r.label]));
  const roleText = (m: OrgSso['groupRoles'][number]) => {
    const name = labelOf.get(m.roleId) ?? m.roleName;
    return m.applicationName ? t('appRole', { role: name, app: m.applicationName }) : name;
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg">{t('mappingTitle')}</CardTitle>
        <CardDescription>{t('mappingDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {sso.groupRoles.length === 0 ? (
          <p className="rounded-lg border px-4 py-6 text-center text-sm text-muted-foreground">{t('mappingEmpty')}</p>
        ) : (
          <ScrollTable id="sso-mapping" caption={t('mappingTitle')} columns={[t('group'), t('role'), t('actions')]}>
            {sso.groupRoles.map((m) => (
              <tr key={`${m.groupName}\u0000${m.roleId}`} className="border-t align-top">
                <td className="px-3 py-2 font-mono break-words">{m.groupName}</td>
                <td className="px-3 py-2 break-words">{roleText(m)}</td>
                <td className="px-3 py-2">
                  <ActionForm action={removeSsoGroupRoleAction} hidden={{ orgId, groupName: m.groupName, roleId: m.roleId }} label={t('removeMapping')} pendingLabel={t('removing')} />
                </td>
              </tr>
            ))}
          </ScrollTable>
        )}
        <AddGroupRoleForm orgId={orgId} roles={roles} />
      </CardContent>
    </Card>
  );
}
