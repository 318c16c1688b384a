import { nowSeconds, stripeId, WebhookSender } from './events';
import type { CheckoutSession, Invoice, LineItem, StripeObject, Subscription } from './objects';
import { MeterEventLog } from './meter-events';
import { listOf, periodEnd, StandInError } from './objects';

type Kind = StripeObject['object'];
type OfKind<K extends Kind> = Extract<StripeObject, { object: K }>;

/** Everything the stand-in knows, in Maps, plus where each customer's and subscription's events go. */
export class StripeState {
  private readonly objects = new Map<string, StripeObject>();
  readonly lineItems = new Map<string, LineItem[]>();
  private readonly webhookTargets = new Map<string, string>();
  readonly webhooks = new WebhookSender();
  readonly meterEvents = new MeterEventLog();

  /** Where the stand-in listens, for the `url` of checkout and billing portal sessions; set once it does. */
  baseUrl = '';

  put<T extends StripeObject>(object: T): T {
    this.objects.set(object.id, object);
    return object;
  }

  find<K extends Kind>(kind: K, id: string): OfKind<K> | undefined {
    const found = this.objects.get(id);
    return found?.object === kind ? (found as OfKind<K>) : undefined;
  }

  get<K extends Kind>(kind: K, id: string): OfKind<K> {
    const found = this.find(kind, id);
    if (!found) throw new StandInError(404, `No such ${kind.replace(/^.*\./, '')}: '${id}'`, { code: 'resource_missing', param: 'id' });
    return found;
  }

  all<K extends Kind>(kind: K): OfKind<K>[] {
    return [...this.objects.values()].filter((o): o is OfKind<K> => o.object === kind).sort((a, b) => b.created - a.created);
  }

  /** A subscription as the API shows it: its items carry the prices as they are now. */
  render(object: StripeObject): StripeObject {
    if (object.object !== 'subscription') return structuredClone(object);
    const sub = structuredClone(object);
    for (const item of sub.items.data) item.price = this.find('price', item.price.id) ?? item.price;
    return sub;
  }

  /** Applies `expand[]` paths such as `customer`, `line_items`, `items.data.price.product`. */
  expand(object: StripeObject, paths: string[]): object {
    const rendered: Record<string, unknown> = { ...this.render(object) };
    for (const path of paths) this.expandPath(rendered, path.split('.'));
    return rendered;
  }

  private expandPath(target: Record<string, unknown>, [field, ...rest]: string[]): void {
    if (!field) return;
    if (field === 'line_items' && target.object === 'checkout.session') {
      target.line_items = listOf(this.lineItems.get(String(target.id)) ?? [], `/v1/checkout/sessions/${String(target.id)}/line_items`);
    }
    const value = target[field];
    if (typeof value === 'string' && this.objects.has(value)) target[field] = this.render(this.objects.get(value)!);
    const next = target[field];
    if (!rest.length || !next || typeof next !== 'object') return;
    const children = Array.isArray(next) ? next : [next];
    for (const child of children) if (child && typeof child === 'object') this.expandPath(child as Record<string, unknown>, rest);
  }

  rememberWebhookTarget(ids: (string | null)[], target: string): void {
    for (const id of ids) if (id) this.webhookTargets.set(id, target);
  }

  webhookTargetOf(sub: Subscription): string | undefined {
    return this.webhookTargets.get(sub.id) ?? this.webhookTargets.get(sub.customer);
  }

  /** Sends `type` for the subscription as it is now to the portal that created it. */
  notifySubscription(type: string, sub: Subscription): Promise<void> {
    return this.webhooks.send(this.webhookTargetOf(sub), [this.webhooks.event(type, this.render(sub))]);
  }

  /** What paying on the checkout page does: an active subscription, a paid invoice, a complete session, three events. */
  async completeCheckout(session: CheckoutSession): Promise<void> {
    if (session.status !== 'open') throw new StandInError(400, `This Checkout Session is ${session.status}.`);
    const items = this.lineItems.get(session.id) ?? [];
    const start = nowSeconds();
    const customer = session.customer ?? this.put({ id: stripeId('cus'), object: 'customer', created: start, livemode: false, metadata: {}, name: null, email: session.customer_email, description: null }).id;
    const subId = stripeId('sub');
    const sub = this.put<Subscription>({
      id: subId,
      object: 'subscription',
      created: start,
      livemode: false,
      metadata: { ...session.subscription_data.metadata },
      customer,
      status: 'active',
      items: listOf(
        items.map((item) => ({
          id: stripeId('si'),
          object: 'subscription_item' as const,
          created: start,
          metadata: {},
          price: item.price,
          quantity: item.quantity,
          subscription: subId,
          current_period_start: start,
          current_period_end: periodEnd(item.price, start),
        })),
        `/v1/subscription_items?subscription=${subId}`,
      ),
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      currency: session.currency ?? 'usd',
      start_date: start,
      billing_cycle_anchor: start,
      collection_method: 'charge_automatically',
      latest_invoice: null,
      trial_end: null,
      trial_start: null,
      cancellation_details: { comment: null, feedback: null, reason: null },
    });
    const invoice = this.put(this.firstInvoice(sub));
    sub.latest_invoice = invoice.id;
    Object.assign(session, { status: 'complete', payment_status: 'paid', customer, subscription: sub.id, invoice: invoice.id, url: null });
    const target = this.webhookTargets.get(session.id);
    if (target) this.rememberWebhookTarget([customer, sub.id], target);
    await this.webhooks.send(target, [
      this.webhooks.event('checkout.session.completed', session),
      this.webhooks.event('customer.subscription.created', this.render(sub)),
      this.webhooks.event('invoice.paid', invoice),
    ]);
  }

  private firstInvoice(sub: Subscription): Invoice {
    const id = stripeId('in');
    const lines = sub.items.data.map((item) => ({
      id: stripeId('il'),
      object: 'line_item',
      amount: (item.price.unit_amount ?? 0) * item.quantity,
      currency: item.price.currency,
      quantity: item.quantity,
      period: { start: item.current_period_start, end: item.current_period_end },
      pricing: { type: 'price_details', price_details: { price: item.price.id, product: item.price.product } },
      parent: { type: 'subscription_item_details', subscription_item_details: { subscription: sub.id, subscription_item: item.id } },
    }));
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    return {
      id,
      object: 'invoice',
      created: sub.created,
      livemode: false,
      metadata: {},
      customer: sub.customer,
      status: 'paid',
      currency: sub.currency,
      amount_due: total,
      amount_paid: total,
      billing_reason: 'subscription_create',
      period_start: sub.start_date,
      period_end: sub.start_date,
      parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: { ...sub.metadata }, subscription: sub.id } },
      lines: listOf(lines, `/v1/invoices/${id}/lines`),
    };
  }
}
