import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthShell } from '@/components/auth-shell';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { currentUser } from '@/lib/auth/current-user';
import { isSetupTokenValid } from '@/lib/platform/setup';
import { ClaimSetupForm } from './claim-setup-form';

export const metadata: Metadata = { title: 'Set up the portal' };

export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = (await searchParams).token;
  const valid = typeof token === 'string' && token.length <= 200 && (await isSetupTokenValid(token));
  if (!valid) {
    return (
      <AuthShell title="Setup link not usable">
        <Alert variant="destructive">
          This setup link has already been used or is not valid. The server prints a new one at start-up while the portal has no
          administrator.
        </Alert>
      </AuthShell>
    );
  }
  const user = await currentUser();
  const back = encodeURIComponent(`/setup?token=${token}`);
  return (
    <AuthShell
      title="Become the platform administrator"
      description="This one-time link makes the account that uses it the first administrator of this portal."
    >
      {user ? (
        <ClaimSetupForm token={token} email={user.email} />
      ) : (
        <div className="grid gap-2">
          <Button asChild>
            <Link href={`/signup?callbackUrl=${back}`}>Create the administrator account</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href={`/login?callbackUrl=${back}`}>Sign in with an existing account</Link>
          </Button>
        </div>
      )}
    </AuthShell>
  );
}
