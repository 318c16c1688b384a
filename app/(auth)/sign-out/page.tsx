import type { Metadata } from 'next';
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

export const metadata: Metadata = { title: 'Sign out' };

/**
 * An application asked to sign the person out (RP-initiated logout) without proving it speaks
 * for this session: they confirm here, with a form that works without JavaScript.
 */
export default async function SignOutPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = logoutRequestSchema.safeParse(await searchParams);
  const request: LogoutRequest = parsed.success ? parsed.data : {};
  let checked: Awaited<ReturnType<typeof checkLogoutRequest>>;
  try {
    checked = await checkLogoutRequest(request);
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    return (
      <AuthShell title="This sign-out request is not valid">
        <Alert variant="destructive">{errorPageContent(err.error, err.description).message}</Alert>
      </AuthShell>
    );
  }
  const user = await currentUser();
  // Nobody to sign out: straight on to where the application asked (a URI registered for it).
  if (!user) redirect(checked.location);

  return (
    <AuthShell
      title="Sign out of Auth Portal?"
      description={
        <>
          Signed in as <span className="font-medium text-foreground">{user.email}</span>
        </>
      }
    >
      <p className="text-sm">
        {checked.clientName ? `${checked.clientName} asked to sign you out of Auth Portal.` : 'An application asked to sign you out of Auth Portal.'}{' '}
        You stay signed in unless you choose Sign out.
      </p>
      <div className="grid grid-cols-2 gap-2">
        <Button asChild variant="outline">
          <Link href="/account">Cancel</Link>
        </Button>
        <form action={confirmSignOutAction}>
          {Object.entries(request).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <SubmitButton pendingLabel="Signing out…">Sign out</SubmitButton>
        </form>
      </div>
    </AuthShell>
  );
}
