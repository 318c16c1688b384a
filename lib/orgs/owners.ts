import { and, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { memberships, organizations, roles } from '@/db/schema';
import { conflict } from '@/lib/domain/errors';

/**
 * Refuses a change that would leave the organization without an owner (`userId` stops being
 * one). Locks the organization row first, so two owners demoting each other at once cannot
 * both pass. Call inside the transaction that makes the change.
 */
export async function assertAnotherOwnerRemains(exec: Executor, orgId: string, userId: string): Promise<void> {
  await exec.execute(sql`select 1 from ${organizations} where ${organizations.id} = ${orgId} for update`);
  const [row] = await exec
    .select({ count: sql<number>`count(*)::int` })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(and(eq(memberships.orgId, orgId), eq(roles.name, 'owner'), eq(roles.isSystem, true), ne(memberships.userId, userId)));
  if ((row?.count ?? 0) === 0) {
    throw conflict({ key: 'needsOwner' });
  }
}

/** Is `userId` an owner of `orgId`? */
export async function isOwner(exec: Executor, orgId: string, userId: string): Promise<boolean> {
  const [row] = await exec
    .select({ name: roles.name })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row?.name === 'owner';
}
