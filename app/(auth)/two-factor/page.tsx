import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/auth-shell';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { mfaEnrollmentPath } from '@/lib/auth/mfa-requirement';
import { listPasskeys } from '@/lib/auth/passkeys';
import { findPendingSignIn, pendingCookieName } from '@/lib/auth/pending-sign-in';
import { currentSession } from '@/lib/auth/request-context';
import { safeReturnPath } from '@/lib/auth/return-path';
import { hasTotp } from '@/lib/auth/two-factor';
import { PasskeySecondFactor } from './passkey-second-factor';
import { TwoFactorForm } from './two-factor-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('twoFactor.metaTitle') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * The second step: of a password sign-in waiting for its code (the pending cookie), or of a session
 * signed in with one factor that an organization's two-factor requirement sent here with `next`.
 */
export default async function TwoFactorPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const t = await getTranslations('auth');
  const next = typeof params.next === 'string' ? safeReturnPath(params.next) : undefined;
  const pending = await findPendingSignIn((await cookies()).get(pendingCookieName())?.value);
  const session = pending || next === undefined ? null : await currentSession();
  if (session?.amr.includes('mfa')) redirect(next!);
  const userId = pending?.userId ?? session?.userId;
  if (!userId) {
    return (
      <AuthShell title={t('twoFactor.expiredTitle')}>
        <Alert variant="destructive">{t('twoFactor.expired')}</Alert>
        <TextLink href="/login">{t('twoFactor.goToSignIn')}</TextLink>
      </AuthShell>
    );
  }
  const [totp, passkeys] = await Promise.all([hasTotp(userId), listPasskeys(userId)]);
  const stepUp = !pending;
  const recovery = totp && params.method === 'recovery';
  const here = (method?: string) => {
    const query = new URLSearchParams({ ...(method ? { method } : {}), ...(stepUp && next ? { next } : {}) });
    return query.size ? `/two-factor?${query}` : '/two-factor';
  };
  const description = !totp
    ? t('twoFactor.passkeyOnly')
    : recovery
      ? t('twoFactor.recoveryDescription')
      : t('twoFactor.totpDescription');
  return (
    <AuthShell
      title={stepUp ? t('twoFactor.stepUpTitle') : t('twoFactor.title')}
      description={description}
      footer={
        <>
          {totp ? (
            <p>
              {recovery ? (
                <TextLink href={here()}>{t('twoFactor.useApp')}</TextLink>
              ) : (
                <>
                  {t('twoFactor.noApp')} <TextLink href={here('recovery')}>{t('twoFactor.useRecovery')}</TextLink>
                </>
              )}
            </p>
          ) : (
            <p>
              {t('twoFactor.noPasskey')} <TextLink href={mfaEnrollmentPath(next ?? '/account')}>{t('twoFactor.setUpApp')}</TextLink>
            </p>
          )}
          <p>
            <TextLink href="/login" className="font-normal">
              {t('twoFactor.otherAccount')}
            </TextLink>
          </p>
        </>
      }
    >
      {stepUp ? (
        <Alert>{t('twoFactor.stepUpNotice')}</Alert>
      ) : null}
      {totp ? <TwoFactorForm key={recovery ? 'recovery' : 'totp'} kind={recovery ? 'recovery' : 'totp'} next={stepUp ? next : undefined} /> : null}
      {passkeys.length > 0 ? <PasskeySecondFactor next={stepUp ? next : undefined} /> : null}
    </AuthShell>
  );
}
