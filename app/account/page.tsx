import type { Metadata } from 'next';
import { Building2 } from 'lucide-react';
import { EmailChangeForm, NameForm } from './_components/profile-forms';
import { Section } from '@/components/account/section';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { listMemberships } from '@/lib/orgs/organizations';

export const metadata: Metadata = { title: 'Your account' };

const roleLabel: Record<string, string> = { owner: 'Owner', admin: 'Admin', user: 'Member' };

function initials(name: string | null, email: string): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return email.slice(0, 1).toUpperCase();
  return (words[0]!.slice(0, 1) + (words.length > 1 ? words.at(-1)!.slice(0, 1) : '')).toUpperCase();
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('/account');
  const orgs = await listMemberships(user.id);
  const { emailChanged } = await searchParams;

  return (
    <>
      {emailChanged === '1' ? <Alert variant="success">Your email address is changed.</Alert> : null}
      <div className="flex items-center gap-4">
        <span aria-hidden className="flex size-14 shrink-0 items-center justify-center rounded-full bg-primary text-lg font-semibold text-primary-foreground">
          {initials(user.name, user.email)}
        </span>
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold break-words">{user.name ? `Hello, ${user.name}` : 'Your account'}</h1>
          <p className="text-muted-foreground">
            Signed in as <span className="font-medium break-all text-foreground">{user.email}</span>
          </p>
          {user.platformRole === 'admin' ? (
            <p className="mt-2 inline-flex rounded-full bg-accent px-3 py-1 text-xs font-medium text-accent-foreground">Platform administrator</p>
          ) : null}
        </div>
      </div>
      <Section title="Profile" description="Your name as applications see it.">
        <NameForm name={user.name} />
      </Section>
      <Section title="Email address" description="We send a link to the new address; the change happens when you open it. Your current address is told about it.">
        <EmailChangeForm />
      </Section>
      <Section title="Organizations" description="The organizations you belong to and your role in each.">
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
                <span className="shrink-0 rounded-full bg-secondary px-2.5 py-0.5 text-xs font-medium">{roleLabel[org.role] ?? org.role}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="text-sm">
          <TextLink href="/account/organizations">Manage organizations</TextLink>
        </p>
      </Section>
    </>
  );
}
