import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newEmail, PASSWORD } from './harness/accounts';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf } from './harness/form-client';
import { buttonsOf } from './harness/form-page';
import { signedInBrowser } from './harness/oidc';
import { signedWebhook, STAND_IN_REQUESTS_PATH, stripeEvent, TEST_STRIPE_SECRET_KEY, type RecordedRequest } from './harness/stripe-stand-in';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const stripeApiBase = inject('stripeApiBase');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

type Person = { email: string; orgId: string; browser: FormClient };

/** A verified user made with the CLI (owner of a new organization, or `role` in `org`), signed in. */
async function person(label: string, org?: { id: string; role: 'admin' | 'user' }): Promise<Person> {
  const email = newEmail(label);
  const orgOption = org ? ['--org', org.id, '--role', org.role] : [];
  const made = await cli<{ org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD, '--name', label, ...orgOption);
  return { email, orgId: org?.id ?? made.org_id, browser: await signedInBrowser(portalUrl, email) };
}

async function stripeApi<T>(path: string, params: Record<string, string>): Promise<T> {
  const res = await fetch(`${stripeApiBase}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_STRIPE_SECRET_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  if (!res.ok) throw new Error(`Stripe stand-in ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

async function checkoutsOf(orgId: string): Promise<RecordedRequest[]> {
  const requests = (await (await fetch(`${stripeApiBase}${STAND_IN_REQUESTS_PATH}`)).json()) as RecordedRequest[];
  return requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions' && r.params.client_reference_id === orgId);
}

const appName = `Ledger ${randomUUID().slice(0, 8)}`;
let appKey: string;
let stripePriceId: string;
let owner: Person;
let admin: Person;
let member: Person;

beforeAll(async () => {
  const app = await cli<{ key: string }>(portalDb, 'app', 'create', '--name', appName);
  appKey = app.key;
  const product = await stripeApi<{ id: string }>('/v1/products', { name: 'Ledger Pro' });
  const price = await stripeApi<{ id: string }>('/v1/prices', { product: product.id, currency: 'eur', unit_amount: '24000', 'recurring[interval]': 'year' });
  await cli(portalDb, 'plan', 'create', '--app', app.key, '--key', 'free', '--name', 'Starter', '--default', '--features', '{"export": true, "max_books": 2}');
  stripePriceId = price.id;
  await cli(portalDb, 'plan', 'create', '--app', app.key, '--key', 'pro', '--name', 'Pro', '--features', '{"export": true, "max_books": 1000}', '--price', '24000:eur:year', '--stripe-price-id', price.id);
  owner = await person('owner');
  admin = await person('admin', { id: owner.orgId, role: 'admin' });
  member = await person('member', { id: owner.orgId, role: 'user' });
});

describe('Billing page by role', () => {
  it('shows the owner the plan in effect, its features, the prices and a button per price', async () => {
    const page = await owner.browser.get(`/org/${owner.orgId}/billing`);
    expect(page.status).toBe(200);
    const section = page.doc.querySelectorAll('section[data-testid="application-billing"]').find((s) => s.text.includes(appName))!;
    const text = section.text.replace(/\s+/g, ' ');
    expect(text).toContain('Plan: Starter');
    expect(text).toContain('Default plan');
    expect(text).toContain('Max books2');
    expect(text).toContain('€240.00 per year');
    expect(section.querySelectorAll('button').map((b) => b.text.trim())).toEqual(['Choose Pro']);
  });

  it('shows an admin the page read-only, and refuses the owner’s choose-plan form posted by the admin', async () => {
    const page = await admin.browser.get(`/org/${owner.orgId}/billing`);
    expect(page.status).toBe(200);
    expect(textOf(page)).toContain('Ask an owner to change the plan.');
    expect(textOf(page)).toContain(appName);
    expect(textOf(page)).toContain('€240.00 per year');
    expect(page.doc.querySelectorAll('main form')).toHaveLength(0);
    expect(page.doc.querySelector('nav[aria-label="Organization"] a[href$="/billing"]')).not.toBeNull();

    const ownersPage = await owner.browser.get(`/org/${owner.orgId}/billing`);
    const refused = await admin.browser.submit(ownersPage, 'Choose Pro');
    expect(refused.status).toBe(200);
    expect(refused.html).toContain('This needs the auth.billing.write permission.');
    expect(await checkoutsOf(owner.orgId)).toEqual([]);
    const [row] = await sql`select count(*)::int as n from subscriptions where org_id = ${owner.orgId}`;
    expect(row!.n).toBe(0);
  });

  it('gives a plain member no Billing tab and no billing data', async () => {
    const members = await member.browser.get(`/org/${owner.orgId}/settings`);
    expect(members.doc.querySelector('nav[aria-label="Organization"] a[href$="/billing"]')).toBeNull();
    for (const path of ['billing', 'billing/return?session_id=cs_test_x']) {
      const page = await member.browser.get(`/org/${owner.orgId}/${path}`);
      expect(page.status, path).toBe(200);
      expect(textOf(page), path).toContain('Your role in this organization does not include seeing its billing.');
      expect(page.html, path).not.toContain(appName);
      expect(buttonsOf(page), path).not.toContain('Choose Pro');
    }
  });
});

/** The text of the page's section for this file's application. */
async function applicationText(person: Person): Promise<{ text: string; buttons: string[] }> {
  const page = await person.browser.get(`/org/${person.orgId}/billing`);
  const section = page.doc.querySelectorAll('section[data-testid="application-billing"]').find((s) => s.text.includes(appName))!;
  return { text: section.text.replace(/\s+/g, ' '), buttons: section.querySelectorAll('button').map((b) => b.text.trim()) };
}

const day = (date: Date) => date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

describe('subscriptions as the Billing page shows them', () => {
  it('a past-due Stripe subscription keeps its plan with a banner naming the end of the grace period', async () => {
    const payer = await person('payer');
    const created = Math.floor(Date.now() / 1000);
    const periodEnd = created + 30 * 86_400;
    const subscription = {
      id: `sub_${randomUUID().replace(/-/g, '')}`,
      object: 'subscription',
      customer: `cus_${randomUUID().replace(/-/g, '')}`,
      status: 'past_due',
      cancel_at_period_end: false,
      metadata: { org_id: payer.orgId },
      items: { object: 'list', data: [{ id: 'si_1', price: { id: stripePriceId }, quantity: 1, current_period_end: periodEnd }] },
    };
    const { body, headers } = signedWebhook(stripeEvent('customer.subscription.updated', subscription, created));
    expect((await fetch(`${portalUrl}/api/webhooks/stripe`, { method: 'POST', body, headers })).status).toBe(200);

    const { text, buttons } = await applicationText(payer);
    expect(text).toContain('Plan: Pro');
    expect(text).toContain('Payment failed');
    expect(text).toContain(`Payment failed — update your payment method by ${day(new Date((created + 7 * 86_400) * 1000))} to keep Pro`);
    expect(text).toContain(`Renews on ${day(new Date(periodEnd * 1000))}`);
    expect(text).not.toContain('Default plan');
    expect(buttons).toEqual(['Cancel at period end']);
  });

  it('a plan assigned by hand says so and when it ends, and offers nothing to cancel', async () => {
    const deal = await person('deal');
    const until = new Date(Date.now() + 90 * 86_400_000);
    await cli(portalDb, 'subscription', 'set', '--org', deal.orgId, '--app', appKey, '--plan', 'pro', '--until', until.toISOString());
    const { text, buttons } = await applicationText(deal);
    expect(text).toContain('Plan: Pro');
    expect(text).toContain('Assigned by your provider');
    expect(text).toContain(`Ends on ${day(until)}`);
    expect(buttons).toEqual([]);
  });
});

describe('checkout return page', () => {
  it('answers an unknown or malformed checkout with a plain message, not an error page', async () => {
    for (const query of ['?session_id=cs_test_unknown', '?session_id=%3Cscript%3E', '']) {
      const page = await owner.browser.get(`/org/${owner.orgId}/billing/return${query}`);
      expect(page.status, query).toBe(200);
      expect(textOf(page), query).toMatch(/We could not find this checkout for your organization|This link does not name a checkout/);
      expect(page.html, query).not.toContain('http-equiv="refresh"');
    }
  });
});
