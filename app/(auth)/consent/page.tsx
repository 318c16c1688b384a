import type { Metadata } from 'next';
import { Check } from 'lucide-react';
import { AuthShell } from '@/components/auth-shell';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { loadPendingAuthorization } from '@/lib/oidc/authorize';
import { ConsentForms } from './consent-forms';

export const metadata: Metadata = { title: 'Allow access' };

const scopeWords: Record<string, string> = {
  openid: 'Confirm who you are',
  profile: 'See your name',
  email: 'See your email address',
  offline_access: 'Stay connected while you are away',
};

export default async function ConsentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const id = (await searchParams).request;
  const requestId = typeof id === 'string' ? id : '';
  const user = await requireUser(`/consent?request=${encodeURIComponent(requestId)}`);
  const pending = await loadPendingAuthorization(requestId, user.id);
  if (!pending) {
    return (
      <AuthShell title="Request expired">
        <Alert variant="destructive">This sign-in request has expired or was already answered. Go back to the application and start again.</Alert>
      </AuthShell>
    );
  }
  const { client, scopes } = pending.request;
  return (
    <AuthShell
      title={`Allow ${client.name} to access your account?`}
      description={
        <>
          Signed in as <span className="font-medium text-foreground">{user.email}</span>
        </>
      }
    >
      <p className="text-sm font-medium">{client.name} will be able to:</p>
      <ul className="grid gap-2 text-sm">
        {scopes.map((scope) => (
          <li key={scope} className="flex items-start gap-2">
            <Check className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
            <span>{scopeWords[scope] ?? `Use “${scope}”`}</span>
          </li>
        ))}
      </ul>
      <ConsentForms requestId={pending.id} />
    </AuthShell>
  );
}
