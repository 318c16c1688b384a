import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { PlanQuotas } from '@/db/schema';
import { archivePlan, createPlan, findPlanByKey, listPlans, planFeaturesSchema, priceSchema, updatePlan, type Plan, type PriceInput } from '@/lib/billing/plans';
import { listSubscriptions, setManualSubscription, type Subscription } from '@/lib/billing/subscriptions';
import { syncPlansToStripe } from '@/lib/billing/sync';
import { planQuotasSchema } from '@/lib/consumption/meters';
import { OPERATOR } from '@/lib/domain/actor';
import { findApplication } from '@/lib/oidc/applications';
import { accessInOrganization } from '@/lib/orgs/access';
import { parse, UsageError, type Output } from '../cli-support';

async function applicationOf(ref: string | undefined, option = '--app') {
  if (!ref) throw new UsageError(`${option}: is required`);
  const app = await findApplication(ref);
  if (!app) throw new UsageError(`${option}: no application with key or id "${ref}"`);
  return app;
}

/** `APP/KEY`: a plan by its application (key or id) and its key. */
async function planRef(ref: string | undefined): Promise<Plan> {
  const slash = ref?.indexOf('/') ?? -1;
  if (!ref || slash <= 0) throw new UsageError('Name the plan as APP/KEY, e.g. projects/pro');
  const app = await applicationOf(ref.slice(0, slash), 'APP/KEY');
  return findPlanByKey(app.id, ref.slice(slash + 1));
}

function featuresOption(value: string | undefined) {
  if (value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new UsageError('--features: is not valid JSON, e.g. \'{"export": true, "projects": 50}\'');
  }
  return parse(z.object({ features: planFeaturesSchema }), { features: json }).features;
}

/** A number as written on the command line; anything else (`abc`, ``, `0x10`, `1e3`) is NaN, for the schema to name. */
const numberOf = (text: string | undefined) => (text !== undefined && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN);

/**
 * `--price 1900:usd:month` (amount in minor units), or a metered price
 * `--price 2:usd:month:api_calls:api_requests` (meter, then the Stripe meter event name, which may
 * itself hold colons); `--stripe-price-id` links them in order.
 */
function pricesOption(prices: string[] = [], stripeIds: string[] = []): PriceInput[] {
  if (stripeIds.length > prices.length) throw new UsageError('--stripe-price-id: give one --price per linked Stripe price');
  return prices.map((text, i) => {
    const [amount, currency, interval, usageMeter, ...event] = text.split(':');
    if (!interval || (usageMeter !== undefined && !event.length)) {
      throw new UsageError(`--price ${text}: write AMOUNT:CURRENCY:INTERVAL[:METER:STRIPE_EVENT], e.g. 1900:usd:month`);
    }
    const stripeMeterEvent = usageMeter === undefined ? undefined : event.join(':');
    const parsed = priceSchema.safeParse({ amount: numberOf(amount), currency, interval, stripePriceId: stripeIds[i], usageMeter, stripeMeterEvent });
    if (!parsed.success) throw new UsageError(`--price ${text}: ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  });
}

/**
 * `--quota METER:LIMIT:PERIOD:hard|soft`, repeatable, e.g. `api_calls:10000:month:hard`. Checked by
 * the schema the API uses, so both say the same thing about the same mistake.
 */
export function quotasOption(texts: readonly string[]): PlanQuotas {
  const quotas: PlanQuotas = {};
  for (const text of texts) {
    const parts = text.split(':');
    if (parts.length !== 4) throw new UsageError(`--quota ${text}: write METER:LIMIT:PERIOD:hard|soft, e.g. api_calls:10000:month:hard`);
    const [meter, limit, period, enforcement] = parts as [string, string, string, string];
    if (Object.hasOwn(quotas, meter)) throw new UsageError(`--quota ${text}: ${meter} has a quota already; give one --quota per meter`);
    const parsed = planQuotasSchema.safeParse({ [meter]: { limit: numberOf(limit), period, enforcement } });
    if (!parsed.success) throw new UsageError(`--quota ${text}: ${parsed.error.issues[0]!.message}`);
    Object.assign(quotas, parsed.data);
  }
  const all = planQuotasSchema.safeParse(quotas);
  if (!all.success) throw new UsageError(`--quota: ${all.error.issues[0]!.message}`);
  return all.data;
}

const priceText = (p: Plan['prices'][number]) =>
  `${(p.amount / 100).toFixed(2)} ${p.currency.toUpperCase()}/${p.interval}` +
  `${p.usageMeter ? ` per ${p.usageMeter} (Stripe meter event ${p.stripeMeterEvent})` : ''}${p.stripePriceId ? ` (${p.stripePriceId})` : ''}`;

const quotasText = (quotas: PlanQuotas) =>
  Object.entries(quotas)
    .map(([meter, q]) => `${meter} ${q.limit}/${q.period} ${q.enforcement}`)
    .join(', ') || 'no quotas';

function planJson(plan: Plan) {
  return {
    plan_id: plan.id,
    app: plan.applicationKey,
    key: plan.key,
    name: plan.name,
    description: plan.description,
    features: plan.features,
    quotas: plan.quotas,
    default: plan.isDefault,
    archived: plan.archived,
    stripe_product_id: plan.stripeProductId,
    prices: plan.prices.map((p) => ({
      price_id: p.id,
      amount: p.amount,
      currency: p.currency,
      interval: p.interval,
      stripe_price_id: p.stripePriceId,
      usage_meter: p.usageMeter ?? null,
      stripe_meter_event: p.stripeMeterEvent ?? null,
    })),
  };
}

const planOptions = {
  app: { type: 'string' },
  key: { type: 'string' },
  name: { type: 'string' },
  description: { type: 'string' },
  features: { type: 'string' },
  default: { type: 'boolean' },
  price: { type: 'string', multiple: true },
  'stripe-price-id': { type: 'string', multiple: true },
  quota: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

/**
 * `plan create --app APP --key K --name N [--description D] --features JSON [--default]
 * [--price A:C:I[:METER:EVENT]]... [--stripe-price-id ID]... [--quota METER:LIMIT:PERIOD:hard|soft]...`
 */
export async function planCreate(args: string[]): Promise<Output> {
  const { values } = parseArgs({ args, options: planOptions, strict: true });
  const app = await applicationOf(values.app);
  const input = parse(z.object({ key: z.string({ error: 'is required' }), name: z.string({ error: 'is required' }) }), values);
  const plan = await createPlan(OPERATOR, app.id, {
    key: input.key,
    name: input.name,
    description: values.description,
    features: featuresOption(values.features) ?? {},
    quotas: quotasOption(values.quota ?? []),
    isDefault: values.default ?? false,
    prices: pricesOption(values.price, values['stripe-price-id']),
  });
  return { json: { ...planJson(plan) }, text: `Created plan ${app.key}/${plan.key} (${plan.id})` };
}

/**
 * `plan update APP/KEY [--name N] [--description D] [--features JSON] [--default] [--price A:C:I]...
 * [--quota METER:LIMIT:PERIOD:hard|soft]... [--no-quotas]`: prices are added; --quota replaces the
 * quotas, --no-quotas removes them all.
 */
export async function planUpdate(args: string[]): Promise<Output> {
  const { values, positionals } = parseArgs({ args, options: { ...planOptions, 'no-quotas': { type: 'boolean' } }, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('Name one plan: plan update APP/KEY [options]');
  if (values.quota && values['no-quotas']) throw new UsageError('--no-quotas: cannot be combined with --quota');
  // Every option is read before the plan is looked up: a mistake in one writes nothing.
  const quotas = values['no-quotas'] ? {} : values.quota ? quotasOption(values.quota) : undefined;
  const features = featuresOption(values.features);
  const prices = values.price ? pricesOption(values.price, values['stripe-price-id']) : undefined;
  const before = await planRef(positionals[0]);
  const plan = await updatePlan(OPERATOR, before.id, {
    name: values.name,
    description: values.description,
    features,
    quotas,
    isDefault: values.default,
    prices,
  });
  return { json: planJson(plan), text: `Updated plan ${plan.applicationKey}/${plan.key}` };
}

export async function planArchive(args: string[]): Promise<Output> {
  const { positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('Name one plan: plan archive APP/KEY');
  const plan = await archivePlan(OPERATOR, (await planRef(positionals[0])).id);
  return { json: planJson(plan), text: `Archived plan ${plan.applicationKey}/${plan.key}: organizations on it keep it, nobody new can choose it` };
}

export async function planList(args: string[]): Promise<Output> {
  const { values } = parseArgs({ args, options: { app: { type: 'string' }, archived: { type: 'boolean' }, json: { type: 'boolean' } }, strict: true });
  const app = await applicationOf(values.app);
  const plans = await listPlans(app.id, { includeArchived: values.archived ?? false });
  const lines = plans.map(
    (p) =>
      `${p.key}${p.isDefault ? ' (default)' : ''}${p.archived ? ' (archived)' : ''}  ${p.name}  ${JSON.stringify(p.features)}  ${quotasText(p.quotas)}  ${p.prices.map(priceText).join(', ') || 'no prices'}`,
  );
  return { json: { plans: plans.map(planJson) }, text: lines.join('\n') || `${app.key} has no plans yet` };
}

function subscriptionJson(s: Subscription) {
  return {
    app: s.applicationKey,
    plan: s.planKey,
    status: s.status,
    source: s.source,
    quantity: s.quantity,
    current_period_end: s.currentPeriodEnd?.toISOString() ?? null,
    cancel_at_period_end: s.cancelAtPeriodEnd,
    ends_at: s.endsAt?.toISOString() ?? null,
    stripe_subscription_id: s.stripeSubscriptionId,
  };
}

/** `subscription set --org ORG --app APP --plan KEY [--until ISO]`: a plan by hand, e.g. an enterprise deal. */
export async function subscriptionSet(args: string[]): Promise<Output> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, app: { type: 'string' }, plan: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  const input = parse(
    z.object({
      org: z.string({ error: 'is required' }).min(1),
      plan: z.string({ error: 'is required' }).min(1),
      until: z.iso.datetime({ offset: true, error: 'must be an ISO date-time, e.g. 2027-01-31T00:00:00Z' }).optional(),
    }),
    values,
  );
  const app = await applicationOf(values.app);
  const s = await setManualSubscription(OPERATOR, {
    orgId: input.org,
    applicationId: app.id,
    planKey: input.plan,
    until: input.until ? new Date(input.until) : null,
  });
  return { json: { org_id: s.orgId, ...subscriptionJson(s) }, text: `${app.key}: organization ${s.orgId} is on ${s.planKey}${s.endsAt ? ` until ${s.endsAt.toISOString()}` : ''}` };
}

export async function subscriptionShow(args: string[]): Promise<Output> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const { org } = parse(z.object({ org: z.string({ error: 'is required' }).min(1) }), values);
  await accessInOrganization(OPERATOR, org);
  const list = await listSubscriptions(org);
  const lines = list.map((s) => `${s.applicationKey}: ${s.planKey} (${s.status}, ${s.source})`);
  return { json: { org_id: org, subscriptions: list.map(subscriptionJson) }, text: lines.join('\n') || 'No subscriptions: every application gives this organization its default plan' };
}

/** `billing sync`: the products and prices of every plan on offer, created in Stripe where missing. */
export async function billingSync(args: string[]): Promise<Output> {
  parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  const summary = await syncPlansToStripe(OPERATOR);
  const text = `Stripe products: ${summary.products_created} created, ${summary.products_updated} updated; prices: ${summary.prices_created} created, ${summary.prices_linked} linked by lookup key`;
  return { json: summary, text };
}
