import type { FormParams, FormValue } from './form-body';
import { flag, list, nested, text } from './form-body';
import { nowSeconds, stripeId } from './events';
import type { CheckoutSession, LineItem, Price, StripeObject, Subscription } from './objects';
import { base, listOf, mergeMetadata, periodEnd, requiredText, StandInError } from './objects';
import type { StripeState } from './state';

type Handler = (state: StripeState, params: FormParams, id: string) => StripeObject | object;
type Route = { method: string; path: RegExp; handler: Handler };

const route = (method: string, path: string, handler: Handler): Route => ({
  method,
  path: new RegExp(`^${path.replace(':id', '([^/]+)')}$`),
  handler,
});

const strings = (values: FormValue[]) => values.filter((v): v is string => typeof v === 'string');

/** The Stripe API routes a billing integration calls; anything else answers 404 like Stripe does. */
const routes: Route[] = [
  route('POST', '/v1/customers', (state, p) =>
    state.put({ ...base('cus', p), object: 'customer', name: text(p, 'name') ?? null, email: text(p, 'email') ?? null, description: text(p, 'description') ?? null }),
  ),
  route('GET', '/v1/customers/:id', (state, _p, id) => state.get('customer', id)),

  route('POST', '/v1/products', (state, p) => {
    const product = { ...base('prod', p), object: 'product' as const, name: requiredText(p, 'name'), active: flag(p, 'active') ?? true, description: text(p, 'description') ?? null, default_price: null, updated: nowSeconds() };
    if (text(p, 'id')) product.id = text(p, 'id')!;
    return state.put(product);
  }),
  route('POST', '/v1/products/:id', (state, p, id) => {
    const product = state.get('product', id);
    return Object.assign(product, { name: text(p, 'name') ?? product.name, active: flag(p, 'active') ?? product.active, description: text(p, 'description') ?? product.description, metadata: mergeMetadata(product.metadata, p), updated: nowSeconds() });
  }),
  route('GET', '/v1/products/:id', (state, _p, id) => state.get('product', id)),
  route('GET', '/v1/products', (state, p) => listOf(state.all('product').filter((o) => matchesActive(o.active, p)).slice(0, limit(p)), '/v1/products')),

  route('POST', '/v1/prices', (state, p) => {
    const recurring = nested(p, 'recurring');
    const interval = recurring && text(recurring, 'interval');
    const price: Price = {
      ...base('price', p),
      object: 'price',
      active: flag(p, 'active') ?? true,
      currency: requiredText(p, 'currency').toLowerCase(),
      product: state.get('product', requiredText(p, 'product')).id,
      unit_amount: text(p, 'unit_amount') === undefined ? null : Number(text(p, 'unit_amount')),
      lookup_key: null,
      nickname: text(p, 'nickname') ?? null,
      type: interval ? 'recurring' : 'one_time',
      billing_scheme: 'per_unit',
      recurring: interval
        ? {
            interval,
            interval_count: Number(text(recurring, 'interval_count') ?? 1),
            usage_type: text(recurring, 'usage_type') === 'metered' ? 'metered' : 'licensed',
            meter: text(recurring, 'meter') ?? null,
            trial_period_days: null,
          }
        : null,
    };
    claimLookupKey(state, price, p);
    return state.put(price);
  }),
  route('POST', '/v1/prices/:id', (state, p, id) => {
    const price = state.get('price', id);
    claimLookupKey(state, price, p);
    return Object.assign(price, { active: flag(p, 'active') ?? price.active, nickname: text(p, 'nickname') ?? price.nickname, metadata: mergeMetadata(price.metadata, p) });
  }),
  route('GET', '/v1/prices/:id', (state, _p, id) => state.get('price', id)),
  route('GET', '/v1/prices', (state, p) => {
    const lookupKeys = strings(list(p, 'lookup_keys'));
    const product = text(p, 'product');
    const prices = state
      .all('price')
      .filter((o) => matchesActive(o.active, p) && (!lookupKeys.length || (o.lookup_key !== null && lookupKeys.includes(o.lookup_key))) && (!product || o.product === product));
    return listOf(prices.slice(0, limit(p)), '/v1/prices');
  }),

  route('POST', '/v1/checkout/sessions', (state, p) => {
    const customer = text(p, 'customer') ?? null;
    if (customer) state.get('customer', customer);
    const lineItems = list(p, 'line_items').map((raw): LineItem => {
      const item = raw as FormParams;
      const price = state.get('price', requiredText(item, 'price'));
      // As Stripe: usage sets a metered price's quantity, so none may be given.
      if (price.recurring?.usage_type === 'metered' && text(item, 'quantity') !== undefined) {
        throw new StandInError(400, 'Quantity should not be specified where usage_type is `metered`. Remove quantity from `line_items[0]`.', { param: 'line_items' });
      }
      const quantity = Number(text(item, 'quantity') ?? 1);
      const product = state.find('product', price.product);
      return { id: stripeId('li'), object: 'item', price, quantity, amount_total: (price.unit_amount ?? 0) * quantity, currency: price.currency, description: product?.name ?? '' };
    });
    const successUrl = text(p, 'success_url') ?? null;
    const session: CheckoutSession = {
      ...base('cs_test', p),
      object: 'checkout.session',
      mode: requiredText(p, 'mode'),
      status: 'open',
      payment_status: 'unpaid',
      customer,
      customer_email: text(p, 'customer_email') ?? null,
      client_reference_id: text(p, 'client_reference_id') ?? null,
      success_url: successUrl,
      cancel_url: text(p, 'cancel_url') ?? null,
      url: null,
      subscription: null,
      invoice: null,
      currency: lineItems[0]?.currency ?? null,
      amount_total: lineItems.reduce((sum, item) => sum + item.amount_total, 0),
      expires_at: nowSeconds() + 24 * 60 * 60,
      subscription_data: { metadata: mergeMetadata({}, nested(p, 'subscription_data') ?? {}) },
    };
    session.url = `${state.baseUrl}/checkout/${session.id}`;
    state.lineItems.set(session.id, lineItems);
    // Stripe posts to whichever endpoint is configured; the stand-in's one endpoint is the portal that asked.
    if (successUrl) state.rememberWebhookTarget([session.id, customer], `${new URL(successUrl).origin}/api/webhooks/stripe`);
    return state.put(session);
  }),
  route('GET', '/v1/checkout/sessions/:id', (state, _p, id) => state.get('checkout.session', id)),
  route('GET', '/v1/checkout/sessions/:id/line_items', (state, _p, id) =>
    listOf(state.lineItems.get(state.get('checkout.session', id).id) ?? [], `/v1/checkout/sessions/${id}/line_items`),
  ),

  route('POST', '/v1/billing_portal/sessions', (state, p) => {
    const customer = state.get('customer', requiredText(p, 'customer')).id;
    const id = stripeId('bps');
    return state.put({ id, object: 'billing_portal.session', created: nowSeconds(), livemode: false, customer, return_url: text(p, 'return_url') ?? null, url: `${state.baseUrl}/billing_portal/${id}`, configuration: 'bpc_standin' });
  }),

  route('GET', '/v1/subscriptions/:id', (state, _p, id) => state.get('subscription', id)),
  route('GET', '/v1/subscriptions', (state, p) => {
    const customer = text(p, 'customer');
    const status = text(p, 'status');
    const subs = state.all('subscription').filter((s) => (!customer || s.customer === customer) && (status === 'all' || (status ? s.status === status : s.status !== 'canceled')));
    return listOf(subs.slice(0, limit(p)), '/v1/subscriptions');
  }),
  route('POST', '/v1/subscriptions/:id', (state, p, id) => {
    const sub = updateSubscription(state, state.get('subscription', id), p);
    void state.notifySubscription('customer.subscription.updated', sub);
    return sub;
  }),
  route('DELETE', '/v1/subscriptions/:id', (state, _p, id) => {
    const sub = state.get('subscription', id);
    if (sub.status === 'canceled') throw new StandInError(400, `No such subscription: '${id}'`, { code: 'resource_missing' });
    Object.assign(sub, { status: 'canceled', canceled_at: nowSeconds(), ended_at: nowSeconds(), cancellation_details: { comment: null, feedback: null, reason: 'cancellation_requested' } });
    void state.notifySubscription('customer.subscription.deleted', sub);
    return sub;
  }),
  route('GET', '/v1/invoices/:id', (state, _p, id) => state.get('invoice', id)),

  route('POST', '/v1/billing/meter_events', (state, p) => state.meterEvents.create(p, (id) => state.find('customer', id) !== undefined)),
];

export function findRoute(method: string, path: string): { handler: Handler; id: string } | undefined {
  for (const r of routes) {
    const match = r.method === method ? r.path.exec(path) : null;
    if (match) return { handler: r.handler, id: decodeURIComponent(match[1] ?? '') };
  }
  return undefined;
}

function limit(p: FormParams): number {
  return Math.min(Math.max(Number(text(p, 'limit') ?? 10), 1), 100);
}

function matchesActive(active: boolean, p: FormParams): boolean {
  const wanted = flag(p, 'active');
  return wanted === undefined || wanted === active;
}

/** A lookup key names one price; `transfer_lookup_key` moves it from the price that holds it. */
function claimLookupKey(state: StripeState, price: Price, p: FormParams): void {
  const key = text(p, 'lookup_key');
  if (key === undefined) return;
  const holder = state.all('price').find((o) => o.lookup_key === key && o.id !== price.id);
  if (holder && !flag(p, 'transfer_lookup_key')) {
    throw new StandInError(400, `A price (\`${holder.id}\`) already uses that lookup key.`, { param: 'lookup_key' });
  }
  if (holder) holder.lookup_key = null;
  price.lookup_key = key || null;
}

function updateSubscription(state: StripeState, sub: Subscription, p: FormParams): Subscription {
  if (sub.status === 'canceled') throw new StandInError(400, 'A canceled subscription can only update its cancellation_details and metadata.');
  for (const raw of list(p, 'items')) {
    const change = raw as FormParams;
    const itemId = text(change, 'id');
    const existing = itemId ? sub.items.data.find((i) => i.id === itemId) : undefined;
    if (itemId && !existing) throw new StandInError(400, `No such subscription item: '${itemId}'`, { code: 'resource_missing', param: 'items' });
    if (existing && flag(change, 'deleted')) {
      sub.items.data = sub.items.data.filter((i) => i !== existing);
      continue;
    }
    const priceId = text(change, 'price');
    const price = priceId ? state.get('price', priceId) : existing?.price;
    if (!price) throw new StandInError(400, 'Missing required param: items[0][price].', { code: 'parameter_missing', param: 'items' });
    const quantity = Number(text(change, 'quantity') ?? existing?.quantity ?? 1);
    if (existing) Object.assign(existing, { price, quantity });
    else {
      const start = nowSeconds();
      sub.items.data.push({ id: stripeId('si'), object: 'subscription_item', created: start, metadata: {}, price, quantity, subscription: sub.id, current_period_start: start, current_period_end: periodEnd(price, start) });
    }
  }
  const cancelAtPeriodEnd = flag(p, 'cancel_at_period_end');
  if (cancelAtPeriodEnd !== undefined) {
    sub.cancel_at_period_end = cancelAtPeriodEnd;
    sub.cancel_at = cancelAtPeriodEnd && sub.items.data.length ? Math.max(...sub.items.data.map((i) => i.current_period_end)) : null;
  }
  sub.metadata = mergeMetadata(sub.metadata, p);
  return sub;
}
