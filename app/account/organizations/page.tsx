import type { Metadata } from 'next';
import { Building2 } from 'lucide-react';
import { PageTitle, Section } from '@/components/account/section';
import { SubmitButton } from '@/components/forms/submit-button';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { myOrganizations } from '@/lib/orgs/self-service';
import { leaveOrganizationAction, switchOrganizationAction } from './actions';

export const metadata: Metadata = { title: 'Organizations' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const roleLabel: Record<string, string> = { owner: 'Owner', admin: 'Admin', user: 'Member' };
const errors: Record<string, string> = {
  conflict: 'You are the last owner of that organization. Make someone else an owner first.',
  not_found: 'You are not a member of that organization.',
};

export default async function OrganizationsPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const user = await requireUser('/account/organizations');
  const orgs = await myOrganizations(user.id);
  const error = typeof params.error === 'string' ? errors[params.error] : undefined;
  return (
    <>
      <PageTitle title="Organizations" description="Applications use your active organization unless they ask for another." />
      {error ? <Alert variant="destructive">{error}</Alert> : null}
      {params.switched === '1' ? <Alert variant="success">Your active organization has changed.</Alert> : null}
      {params.left === '1' ? <Alert variant="success">You have left the organization.</Alert> : null}
      <Section title="Your organizations">
        {orgs.length === 0 ? (
          <p className="text-sm text-muted-foreground">You do not belong to any organization.</p>
        ) : (
          <div className="grid divide-y rounded-lg border" role="list" aria-label="Your organizations">
            {orgs.map((o) => (
              <div key={o.orgId} role="listitem" className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div className="flex min-w-0 items-center gap-3 text-sm">
                  <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <span className="truncate font-medium">{o.name}</span>
                  <span className="shrink-0 rounded-full bg-secondary px-2.5 py-0.5 text-xs font-medium">{roleLabel[o.role] ?? o.role}</span>
                  {o.active ? <span className="shrink-0 rounded-full bg-accent px-2.5 py-0.5 text-xs font-medium">Active</span> : null}
                </div>
                <div className="flex flex-wrap gap-2">
                  {o.active ? null : (
                    <form action={switchOrganizationAction}>
                      <input type="hidden" name="orgId" value={o.orgId} />
                      <SubmitButton variant="outline" className="w-auto" pendingLabel="Switching…">
                        Make active
                      </SubmitButton>
                    </form>
                  )}
                  <form action={leaveOrganizationAction}>
                    <input type="hidden" name="orgId" value={o.orgId} />
                    <SubmitButton variant="outline" className="w-auto" pendingLabel="Leaving…">
                      Leave
                    </SubmitButton>
                  </form>
                </div>
              </div>
            ))}
          </div>
        )}
      </Section>
    </>
  );
}
