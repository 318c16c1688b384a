import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthShell } from '@/components/auth-shell';
import { TextField } from '@/components/forms/text-field';
import { TextLink } from '@/components/text-link';
import { Button } from '@/components/ui/button';
import { safeReturnPath } from '@/lib/auth/return-path';
import { isFederatedError } from '@/lib/federation/paths';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('sso.title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * Single sign-on by address (home-realm discovery): the domain after the "@" names the
 * organization's identity provider. A plain form, so it works without JavaScript.
 */
export default async function SsoSignInPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const t = await getTranslations('auth');
  const callbackUrl = safeReturnPath(params.callbackUrl, '');
  const email = typeof params.email === 'string' ? params.email.slice(0, 254) : '';
  const error = isFederatedError(params.federated_error) ? t(`federated.errors.${params.federated_error}`) : undefined;
  const back = callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/login';
  return (
    <AuthShell title={t('sso.title')} description={t('sso.description')} footer={<TextLink href={back}>{t('sso.back')}</TextLink>}>
      <form method="post" action="/login/federated" className="grid gap-4">
        {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
        <TextField name="email" type="email" label={t('fields.workEmail')} autoComplete="username" required defaultValue={email} error={error} />
        <Button type="submit" className="w-full">
          {t('sso.submit')}
        </Button>
      </form>
    </AuthShell>
  );
}
