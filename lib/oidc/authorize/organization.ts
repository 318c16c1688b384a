// Which organization a user's tokens speak for (the org picker, OIDC authorization step 4).
// Enforces: only organizations the user is a member of; the preselected one is the user's active
// organization while they are still a member of it, else their oldest membership.
import { and, asc, eq } from 'drizzle-orm';
import { db } from '@/db';
import { memberships, organizations, roles, users } from '@/db/schema';

export type OrganizationOption = { id: string; name: string; role: string };

export type OrganizationChoice = { options: OrganizationOption[]; preselected: string | null };

export async function organizationChoice(userId: string): Promise<OrganizationChoice> {
  const rows = await db()
    .select({ id: organizations.id, name: organizations.name, role: roles.name, active: users.activeOrgId })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(organizations.id));
  const options = rows.map(({ id, name, role }) => ({ id, name, role }));
  const active = rows[0]?.active;
  const preselected = options.find((o) => o.id === active)?.id ?? options[0]?.id ?? null;
  return { options, preselected };
}

export async function isMemberOf(userId: string, orgId: string): Promise<boolean> {
  const [row] = await db()
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)));
  return Boolean(row);
}

/** The choice made during authorization becomes the organization the portal opens with, too. */
export async function rememberActiveOrganization(userId: string, orgId: string): Promise<void> {
  await db().update(users).set({ activeOrgId: orgId }).where(eq(users.id, userId));
}
