import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { CopyButton } from '@/components/account/copy-button';
import { DateTime } from '@/components/account/date-time';
import { ActionForm } from '@/components/org/action-form';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ScrollTable } from '@/components/ui/scroll-table';
import { listSsoDomains, type SsoDomainClaim } from '@/lib/federation/org-sso';
import { listIdentityProviders, type IdentityProvider } from '@/lib/federation/providers';
import { organizationNames } from '@/lib/orgs/organizations';
import { requirePlatformConsole } from '@/lib/platform/console-access';
import { confirmSsoDomainAction, removeIdentityProviderAction } from './actions';
import { AddProviderForm } from './add-provider-form';

const PAGE = '/admin/identity-providers';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.titles'))('identityProviders') };
}

/** What the actions' redirects say; anything a person could not have been sent falls back to nothing. */
const answerParams = z.object({
  added: z.string().max(100).optional().catch(undefined),
  removed: z.string().max(200).optional().catch(undefined),
  confirmed: z.string().max(253).optional().catch(undefined),
});

/** The platform's upstream identity providers, adding and removing them, and organizations' domain claims to confirm. */
export default async function IdentityProvidersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await requirePlatformConsole(PAGE);
  const t = await getTranslations('admin.identityProviders');
  const { added, removed, confirmed } = answerParams.parse(await searchParams);
  const [providers, claims] = await Promise.all([listIdentityProviders(actor), listSsoDomains(actor)]);
  const addedProvider = added ? providers.find((p) => p.id === added) : undefined;
  return (
    <>
      {addedProvider ? <RedirectUriNotice provider={addedProvider} /> : null}
      {removed ? (
        <Alert variant="success" className="break-words">
          {t('removed', { name: removed })}
        </Alert>
      ) : null}
      {confirmed ? (
        <Alert variant="success" className="break-words">
          {t('domainConfirmed', { domain: confirmed })}
        </Alert>
      ) : null}
      <ProvidersCard providers={providers} />
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('addTitle')}</CardTitle>
          <CardDescription>{t('addDescription')}</CardDescription>
        </CardHeader>
        <CardContent>
          <AddProviderForm />
        </CardContent>
      </Card>
      <DomainsCard claims={claims} />
    </>
  );
}

/** After adding: what to register at the provider, before anyone can sign in with it. */
async function RedirectUriNotice({ provider }: { provider: IdentityProvider }) {
  const t = await getTranslations('admin.identityProviders');
  return (
    <Alert variant="success" className="grid gap-2" data-testid="added-notice">
      <p className="font-medium break-words">{t('added', { name: provider.name })}</p>
      <p className="text-sm">{t('addedRegister')}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 rounded bg-background px-2 py-1 font-mono text-sm break-all select-all" data-testid="added-redirect-uri">
          {provider.redirectUri}
        </code>
        <CopyButton text={provider.redirectUri} label={t('copyRedirectUri', { name: provider.name })} />
      </div>
    </Alert>
  );
}

async function ProvidersCard({ providers }: { providers: IdentityProvider[] }) {
  const t = await getTranslations('admin.identityProviders');
  // The column names are the add form's field labels.
  const field = await getTranslations('admin.identityProviderForm');
  const cell = 'px-3 py-2 align-top';
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg">{t('title')}</CardTitle>
        <CardDescription>{t('description')}</CardDescription>
      </CardHeader>
      <CardContent>
        {providers.length === 0 ? (
          <p className="rounded-lg border px-4 py-6 text-center text-sm text-muted-foreground">{t('none')}</p>
        ) : (
          <ScrollTable
            id="identity-providers"
            caption={t('caption')}
            columns={[field('name'), field('type'), field('issuer'), field('clientId'), t('created'), t('redirectUri'), t('actions')]}
          >
            {providers.map((p) => (
              <tr key={p.id} className="border-t" data-testid="identity-provider">
                <th scope="row" className={`${cell} font-medium break-words`}>
                  {p.name}
                </th>
                <td className={`${cell} whitespace-nowrap`}>{field(`types.${p.type}`)}</td>
                <td className={`${cell} font-mono text-xs break-all`}>{p.issuer ?? (
                    <>
                      <span aria-hidden>—</span>
                      <span className="sr-only">{t('noIssuer')}</span>
                    </>
                  )}</td>
                <td className={`${cell} font-mono text-xs break-all`}>{p.clientId}</td>
                <td className={`${cell} whitespace-nowrap`}>
                  <DateTime value={p.createdAt} />
                </td>
                <td className={cell}>
                  <span className="grid justify-items-start gap-1">
                    <code className="font-mono text-xs break-all select-all" data-testid="redirect-uri">
                      {p.redirectUri}
                    </code>
                    <CopyButton text={p.redirectUri} label={t('copyRedirectUri', { name: p.name })} />
                  </span>
                </td>
                <td className={cell}>
                  <ActionForm
                    action={removeIdentityProviderAction}
                    hidden={{ identityProviderId: p.id, name: p.name }}
                    label={t('remove')}
                    confirmLabel={t('removeConfirm')}
                    pendingLabel={t('removing')}
                    variant="destructive"
                  />
                </td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </CardContent>
    </Card>
  );
}

async function DomainsCard({ claims }: { claims: SsoDomainClaim[] }) {
  const t = await getTranslations('admin.identityProviders');
  const names = await organizationNames([...new Set(claims.map((c) => c.orgId))]);
  const cell = 'px-3 py-2 align-top';
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg">{t('domainsTitle')}</CardTitle>
        <CardDescription>{t('domainsDescription')}</CardDescription>
      </CardHeader>
      <CardContent>
        {claims.length === 0 ? (
          <p className="rounded-lg border px-4 py-6 text-center text-sm text-muted-foreground">{t('domainsNone')}</p>
        ) : (
          <ScrollTable id="sso-domains" caption={t('domainsCaption')} columns={[t('domain'), t('organization'), t('status'), t('actions')]}>
            {claims.map((c) => (
              <tr key={c.id} className="border-t" data-testid="sso-domain">
                <th scope="row" className={`${cell} font-mono text-sm font-normal break-all`}>
                  {c.domain}
                </th>
                <td className={`${cell} break-words`}>
                  <TextLink href={`/admin/organizations/${encodeURIComponent(c.orgId)}`}>{names.get(c.orgId) ?? c.orgId}</TextLink>
                </td>
                <td className={cell}>
                  {c.confirmedAt ? <Badge variant="success">{t('confirmed')}</Badge> : <Badge variant="outline">{t('waiting')}</Badge>}
                </td>
                <td className={cell}>
                  {c.confirmedAt ? null : (
                    <ActionForm
                      action={confirmSsoDomainAction}
                      hidden={{ domain: c.domain }}
                      label={t('confirmDomain')}
                      confirmLabel={t('confirmDomainConfirm', { domain: c.domain })}
                      pendingLabel={t('confirming')}
                    />
                  )}
                </td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </CardContent>
    </Card>
  );
}
