import { and, asc, eq } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { applications, organizations, plans, subscriptions, type SubscriptionSource, type SubscriptionStatus } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { notifyClaimsChanged } from '@/lib/claims/changes';
import { actorUserId, type Actor } from '@/lib/domain/actor';
import { conflict, notFound, unprocessable } from '@/lib/domain/errors';
import { requirePlatformActor } from '@/lib/platform/actors';
import { findPlanByKey } from './plans';

export type Subscription = {
  id: string;
  orgId: string;
  applicationId: string;
  applicationKey: string;
  applicationName: string;
  planId: string;
  planKey: string;
  planName: string;
  status: SubscriptionStatus;
  source: SubscriptionSource;
  quantity: number;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  pastDueSince: Date | null;
  endsAt: Date | null;
  stripeSubscriptionId: string | null;
  updatedAt: Date;
};

const subscriptionColumns = {
  id: subscriptions.id,
  orgId: subscriptions.orgId,
  applicationId: subscriptions.applicationId,
  applicationKey: applications.key,
  applicationName: applications.name,
  planId: subscriptions.planId,
  planKey: plans.key,
  planName: plans.name,
  status: subscriptions.status,
  source: subscriptions.source,
  quantity: subscriptions.quantity,
  currentPeriodEnd: subscriptions.currentPeriodEnd,
  cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
  pastDueSince: subscriptions.pastDueSince,
  endsAt: subscriptions.endsAt,
  stripeSubscriptionId: subscriptions.stripeSubscriptionId,
  updatedAt: subscriptions.updatedAt,
};

function selectSubscriptions(exec: Executor) {
  return exec
    .select(subscriptionColumns)
    .from(subscriptions)
    .innerJoin(applications, eq(applications.id, subscriptions.applicationId))
    .innerJoin(plans, eq(plans.id, subscriptions.planId));
}

/** An organization's subscriptions, one per application, by application name. */
export async function listSubscriptions(orgId: string, exec: Executor = db()): Promise<Subscription[]> {
  return selectSubscriptions(exec).where(eq(subscriptions.orgId, orgId)).orderBy(asc(applications.name));
}

export async function findSubscription(orgId: string, applicationId: string, exec: Executor = db()): Promise<Subscription | null> {
  const [row] = await selectSubscriptions(exec).where(and(eq(subscriptions.orgId, orgId), eq(subscriptions.applicationId, applicationId)));
  return row ?? null;
}

/** What the audit log says a subscription was and became. */
function summary(s: Pick<Subscription, 'planKey' | 'status'> | null) {
  return s ? { plan: s.planKey, status: s.status } : null;
}

/**
 * Assigns a plan by hand (an enterprise deal, a courtesy upgrade): active until `until`, or for
 * good. A subscription Stripe still bills is not overwritten: it is changed or canceled in Stripe.
 */
export async function setManualSubscription(
  actor: Actor,
  input: { orgId: string; applicationId: string; planKey: string; until?: Date | null },
): Promise<Subscription> {
  requirePlatformActor(actor);
  if (input.until && input.until <= new Date()) throw unprocessable({ key: 'endDateInFuture' });
  const [org] = await db().select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.orgId));
  if (!org) throw notFound('Organization');
  const plan = await findPlanByKey(input.applicationId, input.planKey);
  return db().transaction(async (tx) => {
    const before = await findSubscription(input.orgId, input.applicationId, tx);
    if (before?.source === 'stripe' && before.status !== 'canceled') {
      throw conflict({ key: 'paysThroughStripe' });
    }
    const values = {
      planId: plan.id,
      status: 'active' as const,
      source: 'manual' as const,
      quantity: 1,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      pastDueSince: null,
      endsAt: input.until ?? null,
      stripeSubscriptionId: null,
      lastEventAt: null,
      updatedAt: new Date(),
    };
    await tx
      .insert(subscriptions)
      .values({ orgId: input.orgId, applicationId: input.applicationId, ...values })
      .onConflictDoUpdate({ target: [subscriptions.orgId, subscriptions.applicationId], set: values });
    const after = (await findSubscription(input.orgId, input.applicationId, tx))!;
    await recordSubscriptionChange(tx, after, before, { actor: actor.kind, userId: actorUserId(actor) });
    return after;
  });
}

/** Who or what made a change: a person or client (through the portal), or a Stripe event. */
export type ChangeCause = { actor?: string; userId?: string | null; stripeEventId?: string };

/** Audits a change and tells every instance that the organization's token claims changed. */
export async function recordSubscriptionChange(
  tx: Executor,
  after: Subscription,
  before: Subscription | null,
  cause: ChangeCause,
): Promise<void> {
  await recordAudit(
    'billing.subscription_changed',
    {
      userId: cause.userId ?? null,
      orgId: after.orgId,
      detail: {
        org_id: after.orgId,
        application: after.applicationKey,
        from: summary(before),
        to: summary(after),
        ...(cause.actor ? { actor: cause.actor } : {}),
        ...(cause.stripeEventId ? { stripe_event: cause.stripeEventId } : {}),
      },
    },
    tx,
  );
  await notifyClaimsChanged(tx, after.orgId);
}
