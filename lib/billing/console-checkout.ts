import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import { applications, plans, subscriptions } from '@/db/schema';
import type { OrgAccess } from '@/lib/orgs/access';
import { checkoutProgress } from './checkout';
import { requireStripe } from './stripe';

export type CheckoutOutcome = { paid: boolean; applied: boolean; plan: { name: string; applicationName: string } | null };

/**
 * checkoutProgress, plus (once applied) the plan the checkout gave the organization: what the
 * console's return page shows. Reads only.
 */
export async function checkoutOutcome(access: OrgAccess, sessionId: string): Promise<CheckoutOutcome> {
  const progress = await checkoutProgress(access, sessionId);
  if (!progress.applied) return { ...progress, plan: null };
  const session = await requireStripe().checkout.sessions.retrieve(sessionId);
  const subscriptionId = typeof session.subscription === 'string' ? session.subscription : session.subscription?.id;
  if (!subscriptionId) return { ...progress, plan: null };
  const [plan] = await db()
    .select({ name: plans.name, applicationName: applications.name })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .innerJoin(applications, eq(applications.id, subscriptions.applicationId))
    .where(and(eq(subscriptions.orgId, access.orgId), eq(subscriptions.stripeSubscriptionId, subscriptionId)));
  return { ...progress, plan: plan ?? null };
}
