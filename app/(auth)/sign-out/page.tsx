import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/auth-shell';
import { SubmitButton } from '@/components/forms/submit-button';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { currentUser } from '@/lib/auth/current-user';
import { checkLogoutRequest, logoutRequestSchema, type LogoutRequest } from '@/lib/oidc/end-session';
import { errorPageContent } from '@/lib/oidc/error-page';
import { OAuthError } from '@/lib/oidc/errors';
import { confirmSignOutAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signOut.metaTitle') };
}

/**
 * An application asked to sign the person out (RP-initiated logout) without proving it speaks
 * for this session: they confirm here, with a form that works without JavaScript.
 */
export default async function SignOutPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations('auth');
  const parsed = logoutRequestSchema.safeParse(await searchParams);
  const request: LogoutRequest = parsed.success ? parsed.data : {};
  let checked: Awaited<ReturnType<typeof checkLogoutRequest>>;
  try {
    checked = await checkLogoutRequest(request);
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    return (
      <AuthShell title={t('signOut.invalidTitle')}>
        <Alert variant="destructive">{t(`authorizeError.${errorPageContent(err.error, err.description).messageKey}` as 'authorizeError.codes.invalid_request')}</Alert>
      </AuthShell>
    );
  }
  const user = await currentUser();
  // Nobody to sign out: straight on to where the application asked (a URI registered for it).
  if (!user) redirect(checked.location);

  return (
    <AuthShell
      title={t('signOut.title')}
      description={t.rich('signOut.signedInAs', { email: () => <span className="font-medium break-all text-foreground">{user.email}</span> })}
    >
      <p className="text-sm">
        {checked.clientName ? t('signOut.clientAsked', { client: checked.clientName }) : t('signOut.appAsked')} {t('signOut.stay')}
      </p>
      <div className="grid grid-cols-2 gap-2">
        <Button asChild variant="outline">
          <Link href="/account">{t('signOut.cancel')}</Link>
        </Button>
        <form action={confirmSignOutAction}>
          {Object.entries(request).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <SubmitButton pendingLabel={t('signOut.submitting')}>{t('signOut.submit')}</SubmitButton>
        </form>
      </div>
    </AuthShell>
  );
}
