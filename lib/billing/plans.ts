import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Executor } from '@/db';
import { isUniqueViolation } from '@/db/errors';
import { applications, planPrices, plans, type PlanFeatures, type PlanQuotas, type PriceInterval } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { notifyAllClaimsChanged } from '@/lib/claims/changes';
import { meterKeySchema, planQuotasSchema } from '@/lib/consumption/meters';
import { actorUserId, type Actor } from '@/lib/domain/actor';
import { conflict, notFound, unprocessable } from '@/lib/domain/errors';
import { requirePlatformActor } from '@/lib/platform/actors';

const FEATURE_KEY = /^[a-z][a-z0-9_.-]{0,63}$/;

export const planFeaturesSchema = z
  .record(z.string(), z.union([z.boolean(), z.number().finite(), z.string().max(200)], { error: 'A feature is true/false, a number or a text of at most 200 characters.' }), {
    error: 'Features are a JSON object of feature → value, e.g. {"export": true, "projects": 50}.',
  })
  .refine((features) => Object.keys(features).every((key) => FEATURE_KEY.test(key)), 'Feature keys are lower case letters, digits, "_", "." or "-", starting with a letter.')
  .refine((features) => Object.keys(features).length <= 100, 'A plan has at most 100 features.');

const AMOUNT_TEXT = 'The amount is a whole number in minor units (cents), e.g. 1900 for 19.00.';

export const priceSchema = z
  .object({
    amount: z.number({ error: AMOUNT_TEXT }).int(AMOUNT_TEXT).min(0, 'The amount is 0 or more.').max(99_999_999, 'The amount is at most 99999999.'),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'The currency is a three-letter ISO code such as usd or eur.')
    .transform((c) => c.toLowerCase()),
  interval: z.enum(['month', 'year', 'one_time'], { error: 'The interval is month, year or one_time.' }),
  stripePriceId: z.string().regex(/^price_\w+$/, 'A Stripe price id starts with price_.').optional(),
    /** A metered price: the meter whose usage it charges, and the Stripe billing meter's event name that usage is sent as. */
    usageMeter: meterKeySchema.optional(),
    stripeMeterEvent: z
      .string({ error: 'The Stripe meter event is a text.' })
      .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'A Stripe meter event name is 1 to 100 letters, digits, "_", ".", ":" or "-".')
      .optional(),
  })
  .refine((p) => (p.usageMeter === undefined) === (p.stripeMeterEvent === undefined), {
    message: 'A metered price names both its meter and its Stripe meter event name, or neither.',
    path: ['usageMeter'],
  })
  .refine((p) => p.usageMeter === undefined || p.interval !== 'one_time', { message: 'A metered price is charged per month or year, not one_time.', path: ['interval'] });
export type PriceInput = z.output<typeof priceSchema>;

export const planKeySchema = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'A plan key is lower case letters, digits, "_" or "-", starting with a letter.');

export const newPlanSchema = z.object({
  key: planKeySchema,
  name: z.string().trim().min(1, 'A plan needs a name.').max(80),
  description: z.string().trim().max(500).default(''),
  features: planFeaturesSchema.default({}),
  quotas: planQuotasSchema.default({}),
  isDefault: z.boolean().default(false),
  prices: z.array(priceSchema).max(10).default([]),
});
export type NewPlan = z.input<typeof newPlanSchema>;

export const planChangesSchema = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  description: z.string().trim().max(500).optional(),
  features: planFeaturesSchema.optional(),
  /** Replaces the plan's quotas as a whole. */
  quotas: planQuotasSchema.optional(),
  isDefault: z.boolean().optional(),
  prices: z.array(priceSchema).max(10).optional(),
});
export type PlanChanges = z.input<typeof planChangesSchema>;

/** usageMeter and stripeMeterEvent are there for a metered price only. */
export type PlanPrice = {
  id: string;
  amount: number;
  currency: string;
  interval: PriceInterval;
  stripePriceId: string | null;
  usageMeter?: string;
  stripeMeterEvent?: string;
};
export type Plan = {
  id: string;
  applicationId: string;
  applicationKey: string;
  key: string;
  name: string;
  description: string;
  features: PlanFeatures;
  quotas: PlanQuotas;
  isDefault: boolean;
  archived: boolean;
  stripeProductId: string | null;
  prices: PlanPrice[];
};

const planColumns = {
  id: plans.id,
  applicationId: plans.applicationId,
  applicationKey: applications.key,
  key: plans.key,
  name: plans.name,
  description: plans.description,
  features: plans.features,
  quotas: plans.quotas,
  isDefault: plans.isDefault,
  archivedAt: plans.archivedAt,
  stripeProductId: plans.stripeProductId,
};

async function withPrices(rows: Array<{ archivedAt: Date | null } & Omit<Plan, 'prices' | 'archived'>>, exec: Executor): Promise<Plan[]> {
  if (!rows.length) return [];
  const prices = await exec
    .select()
    .from(planPrices)
    .where(inArray(planPrices.planId, rows.map((p) => p.id)))
    .orderBy(asc(planPrices.amount), asc(planPrices.id));
  return rows.map(({ archivedAt, ...plan }) => ({
    ...plan,
    archived: archivedAt !== null,
    prices: prices
      .filter((p) => p.planId === plan.id)
      .map((p) => ({
        id: p.id,
        amount: p.amount,
        currency: p.currency,
        interval: p.interval,
        stripePriceId: p.stripePriceId,
        ...(p.usageMeter !== null && p.stripeMeterEvent !== null ? { usageMeter: p.usageMeter, stripeMeterEvent: p.stripeMeterEvent } : {}),
      })),
  }));
}

/** An application's plans, the default first, then by name; archived ones only when asked. */
export async function listPlans(applicationId: string, options: { includeArchived?: boolean } = {}, exec: Executor = db()): Promise<Plan[]> {
  const rows = await exec
    .select(planColumns)
    .from(plans)
    .innerJoin(applications, eq(applications.id, plans.applicationId))
    .where(and(eq(plans.applicationId, applicationId), options.includeArchived ? undefined : isNull(plans.archivedAt)))
    .orderBy(asc(plans.createdAt));
  const sorted = [...rows].sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  return withPrices(sorted, exec);
}

export async function getPlan(planId: string, exec: Executor = db()): Promise<Plan> {
  const rows = await exec.select(planColumns).from(plans).innerJoin(applications, eq(applications.id, plans.applicationId)).where(eq(plans.id, planId));
  if (!rows.length) throw notFound('Plan');
  return (await withPrices(rows, exec))[0]!;
}

/** A plan addressed under its application: a plan of another application is not found there. */
export async function planOfApplication(applicationId: string, planId: string, exec: Executor = db()): Promise<Plan> {
  const plan = await getPlan(planId, exec);
  if (plan.applicationId !== applicationId) throw notFound('Plan');
  return plan;
}

export async function findPlanByKey(applicationId: string, key: string, exec: Executor = db()): Promise<Plan> {
  const [row] = await exec.select({ id: plans.id }).from(plans).where(and(eq(plans.applicationId, applicationId), eq(plans.key, key)));
  if (!row) throw notFound(`Plan "${key}"`);
  return getPlan(row.id, exec);
}

async function insertPrices(exec: Executor, planId: string, prices: PriceInput[]): Promise<void> {
  if (!prices.length) return;
  await exec.insert(planPrices).values(
    prices.map((p) => ({
      planId,
      amount: p.amount,
      currency: p.currency,
      interval: p.interval,
      stripePriceId: p.stripePriceId ?? null,
      usageMeter: p.usageMeter ?? null,
      stripeMeterEvent: p.stripeMeterEvent ?? null,
    })),
  );
}

/** Makes `planId` the application's only default plan. */
async function makeDefault(exec: Executor, applicationId: string, planId: string): Promise<void> {
  await exec.update(plans).set({ isDefault: false }).where(and(eq(plans.applicationId, applicationId), eq(plans.isDefault, true), ne(plans.id, planId)));
  await exec.update(plans).set({ isDefault: true }).where(eq(plans.id, planId));
}

/**
 * Each quota's limit travels among the features as `quota.<meter>` (featuresWithQuotaLimits), so
 * a feature of that name set by hand would be silently overwritten in tokens.
 */
function requireNoReservedFeatures(features: PlanFeatures, quotas: PlanQuotas): void {
  const taken = Object.keys(quotas).find((meter) => `quota.${meter}` in features);
  if (taken) {
    throw unprocessable(`The feature "quota.${taken}" collides with the quota of ${taken}: feature keys starting with "quota." are reserved for quota limits.`);
  }
}

function mapUniqueViolation(error: unknown, message: string): never {
  if (isUniqueViolation(error)) throw conflict(message);
  throw error;
}

export async function createPlan(actor: Actor, applicationId: string, input: NewPlan): Promise<Plan> {
  requirePlatformActor(actor);
  const plan = newPlanSchema.parse(input);
  requireNoReservedFeatures(plan.features, plan.quotas);
  const [app] = await db().select({ id: applications.id }).from(applications).where(eq(applications.id, applicationId));
  if (!app) throw notFound('Application');
  const [taken] = await db().select({ id: plans.id }).from(plans).where(and(eq(plans.applicationId, applicationId), eq(plans.key, plan.key)));
  if (taken) throw conflict(`The application already has a plan "${plan.key}".`);
  const planId = await db()
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(plans)
        .values({ applicationId, key: plan.key, name: plan.name, description: plan.description, features: plan.features, quotas: plan.quotas })
        .returning({ id: plans.id });
      await insertPrices(tx, row!.id, plan.prices);
      if (plan.isDefault) await makeDefault(tx, applicationId, row!.id);
      await recordAudit(
        'billing.plan_created',
        { userId: actorUserId(actor), actor, detail: { plan_id: row!.id, application_id: applicationId, key: plan.key, actor: actor.kind, quotas: plan.quotas } },
        tx,
      );
      // The default plan reaches every organization without a subscription.
      if (plan.isDefault) await notifyAllClaimsChanged(tx);
      return row!.id;
    })
    .catch((error: unknown) => mapUniqueViolation(error, `The application already has a plan "${plan.key}", or one of these Stripe prices belongs to another plan.`));
  return getPlan(planId);
}

/**
 * Changes a plan; `prices` are added to those it has (a price is never edited: Stripe prices are
 * immutable); `quotas` replace its quotas. Tokens and usage terms follow at once (claims NOTIFY).
 */
export async function updatePlan(actor: Actor, planId: string, input: PlanChanges): Promise<Plan> {
  requirePlatformActor(actor);
  const changes = planChangesSchema.parse(input);
  const before = await getPlan(planId);
  if (before.archived && changes.isDefault) throw conflict('An archived plan cannot be the default plan.');
  requireNoReservedFeatures(changes.features ?? before.features, changes.quotas ?? before.quotas);
  await db()
    .transaction(async (tx) => {
      const set = { name: changes.name, description: changes.description, features: changes.features, quotas: changes.quotas };
      if (Object.values(set).some((v) => v !== undefined)) await tx.update(plans).set(set).where(eq(plans.id, planId));
      await insertPrices(tx, planId, changes.prices ?? []);
      if (changes.isDefault === true) await makeDefault(tx, before.applicationId, planId);
      if (changes.isDefault === false) await tx.update(plans).set({ isDefault: false }).where(eq(plans.id, planId));
      await recordAudit(
        'billing.plan_updated',
        {
          userId: actorUserId(actor),
          detail: {
            plan_id: planId,
            key: before.key,
            actor: actor.kind,
            changed: Object.keys(input).filter((k) => input[k as keyof PlanChanges] !== undefined),
            features_before: before.features,
            ...(changes.quotas ? { quotas_before: before.quotas } : {}),
          },
        },
        tx,
      );
      await notifyAllClaimsChanged(tx);
    })
    .catch((error: unknown) => mapUniqueViolation(error, 'One of these Stripe prices is linked to another plan.'));
  return getPlan(planId);
}

/** Archived plans are offered to nobody new; organizations already on one keep it. */
export async function archivePlan(actor: Actor, planId: string): Promise<Plan> {
  requirePlatformActor(actor);
  const before = await getPlan(planId);
  await db().transaction(async (tx) => {
    await tx.update(plans).set({ archivedAt: new Date(), isDefault: false }).where(eq(plans.id, planId));
    await recordAudit('billing.plan_archived', { userId: actorUserId(actor), actor, detail: { plan_id: planId, key: before.key, actor: actor.kind } }, tx);
    if (before.isDefault) await notifyAllClaimsChanged(tx);
  });
  return getPlan(planId);
}

/** The plan and price a Stripe price id belongs to. */
export async function findPriceByStripeId(stripePriceId: string, exec: Executor = db()) {
  const [row] = await exec
    .select({ priceId: planPrices.id, planId: plans.id, applicationId: plans.applicationId, planKey: plans.key })
    .from(planPrices)
    .innerJoin(plans, eq(plans.id, planPrices.planId))
    .where(eq(planPrices.stripePriceId, stripePriceId));
  return row ?? null;
}
