import type { Metadata } from 'next';
import { Building2, ShieldCheck } from 'lucide-react';
import { SubmitButton } from '@/components/forms/submit-button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/current-user';
import { listMemberships } from '@/lib/orgs/organizations';
import { signOutAction } from './actions';

export const metadata: Metadata = { title: 'Your account' };

const roleLabel: Record<string, string> = { owner: 'Owner', admin: 'Admin', user: 'Member' };

export default async function AccountPage() {
  const user = await requireUser('/account');
  const orgs = await listMemberships(user.id);

  return (
    <div className="min-h-dvh">
      <header className="border-b bg-card">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
          <span className="flex items-center gap-2 text-sm font-semibold">
            <ShieldCheck className="size-5 text-primary" aria-hidden />
            Auth Portal
          </span>
          <form action={signOutAction}>
            <SubmitButton variant="outline" className="h-9" pendingLabel="Signing out…">
              Sign out
            </SubmitButton>
          </form>
        </div>
      </header>
      <main className="mx-auto grid max-w-3xl grid-cols-1 gap-6 px-4 py-8">
        <div>
          <h1 className="text-2xl font-semibold break-words">{user.name ? `Hello, ${user.name}` : 'Your account'}</h1>
          <p className="text-muted-foreground">
            Signed in as <span className="font-medium break-all text-foreground">{user.email}</span>
          </p>
          {user.platformRole === 'admin' ? (
            <p className="mt-2 inline-flex rounded-full bg-accent px-3 py-1 text-xs font-medium text-accent-foreground">
              Platform administrator
            </p>
          ) : null}
        </div>
        <Card>
          <CardHeader>
            <CardTitle className="text-lg">Organizations</CardTitle>
            <CardDescription>The organizations you belong to and your role in each.</CardDescription>
          </CardHeader>
          <CardContent>
            {orgs.length === 0 ? (
              <p className="text-sm text-muted-foreground">You do not belong to any organization yet.</p>
            ) : (
              <ul className="divide-y rounded-lg border">
                {orgs.map((org) => (
                  <li key={org.orgId} className="flex items-center justify-between gap-4 px-4 py-3">
                    <span className="flex min-w-0 items-center gap-3">
                      <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                      <span className="truncate font-medium">{org.name}</span>
                    </span>
                    <span className="shrink-0 rounded-full bg-secondary px-2.5 py-0.5 text-xs font-medium">
                      {roleLabel[org.role] ?? org.role}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </main>
    </div>
  );
}
