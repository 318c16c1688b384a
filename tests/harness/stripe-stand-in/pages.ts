import type { Price } from './objects';
import { StandInError } from './objects';
import type { StripeState } from './state';

/** An answer from a browser page: HTML, or a 303 to `location`. */
export type PageResponse = { status: number; html?: string; location?: string };

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, status = 200): PageResponse {
  return { status, html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>` };
}

function describePrice(state: StripeState, price: Price, quantity: number): string {
  const product = state.find('product', price.product)?.name ?? price.product;
  const amount = `${((price.unit_amount ?? 0) / 100).toFixed(2)} ${price.currency.toUpperCase()}`;
  const per = price.recurring ? ` per ${price.recurring.interval}` : '';
  return `${product}: ${amount}${per}${quantity > 1 ? ` × ${quantity}` : ''}`;
}

/**
 * Stripe's hosted pages, reduced to what a person does in a test: pay on the checkout page, cancel
 * a plan in the billing portal. `method` and `path` are the browser's request.
 */
export async function browserPage(state: StripeState, method: string, path: string, form: URLSearchParams): Promise<PageResponse | undefined> {
  const [, area, id, action] = path.split('/');
  if (!id) return undefined;
  try {
    if (area === 'checkout') return await checkoutPage(state, method, id, action);
    if (area === 'billing_portal') return await billingPortalPage(state, method, id, action, form);
  } catch (err) {
    if (err instanceof StandInError) return page('Something went wrong', `<p role="alert">${escape(err.message)}</p>`, err.status);
    throw err;
  }
  return undefined;
}

async function checkoutPage(state: StripeState, method: string, id: string, action: string | undefined): Promise<PageResponse | undefined> {
  const session = state.get('checkout.session', id);
  if (method === 'POST' && action === 'pay') {
    await state.completeCheckout(session);
    const success = (session.success_url ?? `${state.baseUrl}/checkout/${id}`).replaceAll('{CHECKOUT_SESSION_ID}', session.id);
    return { status: 303, location: success };
  }
  if (method !== 'GET' || action) return undefined;
  const items = (state.lineItems.get(id) ?? []).map((item) => `<li>${escape(describePrice(state, item.price, item.quantity))}</li>`).join('');
  if (session.status !== 'open') return page('Checkout', `<p>This checkout session is ${escape(session.status)}.</p>`);
  const cancel = session.cancel_url ? `<p><a href="${escape(session.cancel_url)}">Cancel</a></p>` : '';
  return page('Checkout', `<ul>${items}</ul><form method="post" action="/checkout/${escape(id)}/pay"><button type="submit">Pay</button></form>${cancel}`);
}

async function billingPortalPage(state: StripeState, method: string, id: string, action: string | undefined, form: URLSearchParams): Promise<PageResponse | undefined> {
  const portal = state.get('billing_portal.session', id);
  if (method === 'POST' && action === 'cancel') {
    const sub = state.get('subscription', form.get('subscription') ?? '');
    if (sub.customer !== portal.customer) throw new StandInError(404, 'No such subscription for this customer.');
    sub.cancel_at_period_end = true;
    sub.cancel_at = Math.max(0, ...sub.items.data.map((i) => i.current_period_end));
    await state.notifySubscription('customer.subscription.updated', sub);
    return { status: 303, location: `/billing_portal/${id}` };
  }
  if (method !== 'GET' || action) return undefined;
  const subs = state.all('subscription').filter((s) => s.customer === portal.customer && s.status !== 'canceled');
  const rows = subs.map((sub) => {
    const plan = sub.items.data.map((item) => describePrice(state, state.find('price', item.price.id) ?? item.price, item.quantity)).join(', ');
    const end = new Date(Math.max(0, ...sub.items.data.map((i) => i.current_period_end)) * 1000).toISOString().slice(0, 10);
    const control = sub.cancel_at_period_end
      ? `<p>Cancels on ${end}</p>`
      : `<p>Renews on ${end}</p><form method="post" action="/billing_portal/${escape(id)}/cancel"><input type="hidden" name="subscription" value="${escape(sub.id)}"><button type="submit">Cancel plan</button></form>`;
    return `<section><h2>${escape(plan)}</h2><p>Status: ${escape(sub.status)}</p>${control}</section>`;
  });
  const back = portal.return_url ? `<p><a href="${escape(portal.return_url)}">Return</a></p>` : '';
  return page('Billing', `${rows.join('') || '<p>No subscriptions.</p>'}${back}`);
}
