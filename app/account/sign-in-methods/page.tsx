import type { Metadata } from 'next';
import { KeyRound } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { DateTime } from '@/components/account/date-time';
import { PageTitle, Section } from '@/components/account/section';
import { FederatedSignInError } from '@/components/federated-sign-in';
import { SubmitButton } from '@/components/forms/submit-button';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { requireUser } from '@/lib/auth/current-user';
import { canUnlinkOne, linkedIdentities, signInProviders } from '@/lib/federation/identities';
import { SIGN_IN_METHODS_PATH } from '@/lib/federation/paths';
import { unlinkIdentityAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account.signInMethods'))('title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInMethodsPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const user = await requireUser(SIGN_IN_METHODS_PATH);
  const [linked, providers, unlinkable] = await Promise.all([linkedIdentities(user.id), signInProviders(), canUnlinkOne(user.id)]);
  const linkedProviders = new Set(linked.map((l) => l.providerId));
  const linkable = providers.filter((p) => !linkedProviders.has(p.id));
  const t = await getTranslations('account.signInMethods');
  return (
    <>
      <PageTitle title={t('title')} description={t('description')} />
      {params.linked === '1' ? <Alert variant="success">{t('linked')}</Alert> : null}
      {params.unlinked === '1' ? <Alert variant="success">{t('unlinked')}</Alert> : null}
      {params.error === 'LastMethod' ? <Alert variant="destructive">{t('lastMethod')}</Alert> : <FederatedSignInError error={params.error} />}
      <Section title={t('linkedTitle')}>
        {linked.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('none')}</p>
        ) : (
          <div className="grid divide-y rounded-lg border" role="list" aria-label={t('linkedTitle')}>
            {linked.map((l) => (
              <div key={`${l.providerId}:${l.providerAccountId}`} role="listitem" data-testid="linked-identity" className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div className="flex min-w-0 items-start gap-3 text-sm">
                  <KeyRound className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <div className="min-w-0">
                    <p className="font-medium break-words">{l.providerName}</p>
                    <p className="break-all text-muted-foreground">{l.email ?? t('noEmail')}</p>
                    <p className="text-muted-foreground">
                      {t('linkedOn')} <DateTime value={l.linkedAt} />
                    </p>
                  </div>
                </div>
                {unlinkable ? (
                  <form action={unlinkIdentityAction}>
                    <input type="hidden" name="providerId" value={l.providerId} />
                    <input type="hidden" name="providerAccountId" value={l.providerAccountId} />
                    <SubmitButton variant="outline" className="w-full sm:w-auto" pendingLabel={t('unlinking')}>
                      {t('unlink', { name: l.providerName })}
                    </SubmitButton>
                  </form>
                ) : (
                  <p className="text-sm text-muted-foreground sm:max-w-56">{t('onlyWayIn')}</p>
                )}
              </div>
            ))}
          </div>
        )}
      </Section>
      {linkable.length > 0 ? (
        <Section title={t('linkTitle')} description={t('linkDescription')}>
          <div className="grid gap-2 sm:flex sm:flex-wrap">
            {linkable.map((p) => (
              <form key={p.id} method="post" action="/login/federated">
                <input type="hidden" name="provider" value={p.id} />
                <input type="hidden" name="intent" value="link" />
                <Button type="submit" variant="outline" className="w-full sm:w-auto">
                  {t('link', { name: p.name })}
                </Button>
              </form>
            ))}
          </div>
        </Section>
      ) : null}
    </>
  );
}
