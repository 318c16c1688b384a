import { and, eq, isNull } from 'drizzle-orm';
import { db } from '@/db';
import { isUniqueViolation } from '@/db/errors';
import { planPrices, plans } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { actorUserId, type Actor } from '@/lib/domain/actor';
import { conflict } from '@/lib/domain/errors';
import { requirePlatformActor } from '@/lib/platform/actors';
import { listPlans, type Plan, type PlanPrice } from './plans';
import { requireStripe, type Stripe } from './stripe';

export type SyncSummary = { products_created: number; products_updated: number; prices_created: number; prices_linked: number };

/** Deterministic, so a second run (or a rebuilt database) finds the product it made before. */
export const productIdOf = (plan: Pick<Plan, 'applicationKey' | 'key'>) => `ap_${plan.applicationKey}_${plan.key}`;

/** Names one price of one plan across runs; Stripe lets exactly one price hold a lookup key. */
export const lookupKeyOf = (plan: Pick<Plan, 'applicationKey' | 'key'>, price: Pick<PlanPrice, 'amount' | 'currency' | 'interval'>) =>
  `ap:${plan.applicationKey}:${plan.key}:${price.amount}:${price.currency}:${price.interval}`;

const statusOf = (error: unknown) => (error as { statusCode?: unknown } | null)?.statusCode;
const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

async function retrieveProduct(stripe: Stripe, id: string): Promise<Stripe.Product | null> {
  try {
    const product = await stripe.products.retrieve(id);
    return (product as { deleted?: boolean }).deleted ? null : product;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** Creates or updates the plan's product; 'unchanged' when Stripe already says what the plan says. */
async function syncProduct(stripe: Stripe, plan: Plan): Promise<{ productId: string; outcome: 'created' | 'updated' | 'unchanged' }> {
  const productId = plan.stripeProductId ?? productIdOf(plan);
  const metadata = { app: plan.applicationKey, plan: plan.key };
  const existing = await retrieveProduct(stripe, productId);
  if (!existing) {
    try {
      // Stripe refuses an empty description on create (it means "unset" only on update).
      await stripe.products.create({ id: productId, name: plan.name, ...(plan.description ? { description: plan.description } : {}), metadata });
      return { productId, outcome: 'created' };
    } catch (error) {
      // A concurrent run created it first: update it like any existing product.
      if (codeOf(error) !== 'resource_already_exists') throw error;
    }
  }
  const current = existing ?? (await stripe.products.retrieve(productId));
  const owner = { app: current.metadata.app, plan: current.metadata.plan };
  if ((owner.app && owner.app !== metadata.app) || (owner.plan && owner.plan !== metadata.plan)) {
    throw conflict(`The Stripe product ${productId} belongs to ${owner.app}/${owner.plan}, not to ${metadata.app}/${metadata.plan}.`);
  }
  const same = current.name === plan.name && (current.description ?? '') === plan.description && current.active && owner.app === metadata.app && owner.plan === metadata.plan;
  if (same) return { productId, outcome: 'unchanged' };
  await stripe.products.update(productId, { name: plan.name, description: plan.description, active: true, metadata });
  return { productId, outcome: 'updated' };
}

/** The Stripe price that carries the lookup key, made if there is none yet. */
async function findOrCreatePrice(stripe: Stripe, plan: Plan, productId: string, price: PlanPrice): Promise<{ stripePriceId: string; created: boolean }> {
  const lookupKey = lookupKeyOf(plan, price);
  const [found] = (await stripe.prices.list({ lookup_keys: [lookupKey], limit: 1 })).data;
  if (found) return { stripePriceId: found.id, created: false };
  const made = await stripe.prices.create(
    {
      product: productId,
      unit_amount: price.amount,
      currency: price.currency,
      ...(price.interval === 'one_time' ? {} : { recurring: { interval: price.interval } }),
      lookup_key: lookupKey,
      metadata: { app: plan.applicationKey, plan: plan.key },
    },
    // Two concurrent runs get the same price instead of fighting over the lookup key.
    { idempotencyKey: `ap-price-${lookupKey}-${productId}` },
  );
  return { stripePriceId: made.id, created: true };
}

/** Links a price row that is still unlinked; false when another run or a twin row of the same price got there first. */
async function linkPrice(priceId: string, stripePriceId: string): Promise<boolean> {
  try {
    const linked = await db()
      .update(planPrices)
      .set({ stripePriceId })
      .where(and(eq(planPrices.id, priceId), isNull(planPrices.stripePriceId)))
      .returning({ id: planPrices.id });
    return linked.length > 0;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

async function plansOnOffer(): Promise<Plan[]> {
  const apps = await db().selectDistinct({ applicationId: plans.applicationId }).from(plans).where(isNull(plans.archivedAt));
  return (await Promise.all(apps.map((a) => listPlans(a.applicationId)))).flat();
}

/**
 * Makes Stripe know every plan on offer: a product per plan and a price per plan price, found
 * again by id and lookup key, so running it twice creates nothing new. Prices linked by hand
 * (--stripe-price-id) and metered prices are left alone.
 */
export async function syncPlansToStripe(actor: Actor): Promise<SyncSummary> {
  requirePlatformActor(actor);
  const stripe = requireStripe();
  const summary: SyncSummary = { products_created: 0, products_updated: 0, prices_created: 0, prices_linked: 0 };
  for (const plan of await plansOnOffer()) {
    const { productId, outcome } = await syncProduct(stripe, plan);
    if (outcome === 'created') summary.products_created++;
    if (outcome === 'updated') summary.products_updated++;
    if (plan.stripeProductId !== productId) await db().update(plans).set({ stripeProductId: productId }).where(eq(plans.id, plan.id));
    // A metered price needs a Stripe billing meter behind it; it is made in Stripe and linked with
    // --stripe-price-id, never created here as an ordinary recurring price.
    for (const price of plan.prices.filter((p) => !p.stripePriceId && !p.usageMeter)) {
      const { stripePriceId, created } = await findOrCreatePrice(stripe, plan, productId, price);
      if (!(await linkPrice(price.id, stripePriceId))) continue;
      if (created) summary.prices_created++;
      else summary.prices_linked++;
    }
  }
  await recordAudit('billing.synced', { userId: actorUserId(actor), detail: { ...summary, actor: actor.kind } });
  return summary;
}
