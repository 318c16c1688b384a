import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { db } from '@/db';
import { memberships, organizations, subscriptions } from '@/db/schema';
import type { SubscriptionStatus } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { notifyClaimsChanged } from '@/lib/claims/changes';
import { actorUserId, isPlatformActor } from '@/lib/domain/actor';
import { conflict, forbidden, notFound, unprocessable } from '@/lib/domain/errors';
import { revokeOrganizationGrants } from '@/lib/oidc/grants-store';
import type { OrgAccess } from './access';

/** Stripe still charges (or will charge) for these: cancel the subscription before deleting. */
const PAYING: SubscriptionStatus[] = ['active', 'trialing', 'past_due', 'unpaid', 'paused'];

/**
 * Deletes an organization, for one of its owners or a platform actor. `confirmName`, when given (the
 * consoles ask for it typed), must be its name. Refused while a Stripe subscription still bills it. Every member's grants in it are revoked (and audited) as on
 * leaving; roles, memberships, invitations, customer and usage rows go by the foreign keys'
 * cascades, in one transaction.
 */
export async function deleteOrganization(access: OrgAccess, confirmName: string | null, meta?: ClientMeta): Promise<{ name: string }> {
  const userId = actorUserId(access.actor);
  const owner = access.systemRole === 'owner' && userId !== null;
  if (!owner && !isPlatformActor(access.actor)) throw forbidden({ key: 'ownerOnlyDelete' });
  return db().transaction(async (tx) => {
    // Locked: no member joins, no owner changes and no subscription starts meanwhile.
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, access.orgId)).for('update');
    if (!org) throw notFound('Organization');
    if (confirmName !== null && confirmName.trim() !== org.name) throw unprocessable({ key: 'typeOrganizationName' });
    const paying = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.orgId, access.orgId),
          eq(subscriptions.source, 'stripe'),
          isNotNull(subscriptions.stripeSubscriptionId),
          inArray(subscriptions.status, PAYING),
          // One that ends at the period's end bills no more.
          eq(subscriptions.cancelAtPeriodEnd, false),
        ),
      );
    if (paying.length) throw conflict({ key: 'paidSubscription' });
    const members = await tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.orgId, access.orgId));
    for (const m of members) await revokeOrganizationGrants(tx, m.userId, access.orgId);
    await notifyClaimsChanged(tx, access.orgId);
    await tx.delete(organizations).where(eq(organizations.id, access.orgId));
    const detail = { org_id: access.orgId, name: org.name, members: members.length };
    if (owner) await recordAudit('org.deleted', { userId, orgId: access.orgId, meta, detail }, tx);
    else await recordAudit('org.deleted', { actor: access.actor, orgId: access.orgId, meta, detail }, tx);
    return { name: org.name };
  });
}
