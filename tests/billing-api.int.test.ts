// Plans and an organization's billing through /api/admin: who may read and change what, the
// errors bad input gets, and a manual subscription reaching the member's next token.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { AdminApi, adminClientToken, signedInPerson, type Person } from './harness/admin-api';
import { createPlanThroughApi, featuresInNextToken, type ApiPlan } from './harness/billing';
import { createApp, createClient, queryPortalDb, type CreatedClient } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

let platform: Person;
let owner: Person;
let admin: Person;
let member: Person;
let outsider: Person;
let readClient: AdminApi;
let appId: string;
let otherAppId: string;
let client: CreatedClient;
let free: ApiPlan;
let pro: ApiPlan;

const plansOf = (app: string) => `/applications/${app}/plans`;
const billingOf = (orgId: string) => `/organizations/${orgId}/billing`;
type Overview = {
  mode: string;
  applications: { application: { id: string }; planInEffect: { key: string } | null; features: Record<string, unknown>; subscription: { planKey: string; source: string } | null; plans: ApiPlan[] }[];
};
const entryOf = (overview: Overview) => overview.applications.find((a) => a.application.id === appId);

beforeAll(async () => {
  [platform, owner, outsider, appId, otherAppId] = (await Promise.all([
    signedInPerson(portalUrl, portalDb, 'bapi-platform', { platformAdmin: true }),
    signedInPerson(portalUrl, portalDb, 'bapi-owner'),
    signedInPerson(portalUrl, portalDb, 'bapi-outsider'),
    createApp(portalDb, 'Billing API'),
    createApp(portalDb, 'Billing API other'),
  ])) as [Person, Person, Person, string, string];
  [admin, member, client] = (await Promise.all([
    signedInPerson(portalUrl, portalDb, 'bapi-admin', { org: { id: owner.orgId, role: 'admin' } }),
    signedInPerson(portalUrl, portalDb, 'bapi-member', { org: { id: owner.orgId, role: 'user' } }),
    createClient(portalDb, appId, '--scope', 'openid offline_access', '--first-party'),
  ])) as [Person, Person, CreatedClient];
  readClient = new AdminApi(portalUrl, { bearer: (await adminClientToken(portalUrl, portalDb, 'admin:read', owner.orgId)).token });
  free = await createPlanThroughApi(platform.api, appId, { key: 'free', name: 'Free', features: { projects: 3 }, isDefault: true });
  pro = await createPlanThroughApi(platform.api, appId, {
    key: 'pro',
    name: 'Pro',
    description: 'For teams',
    features: { projects: 50, export: true },
    prices: [{ amount: 1900, currency: 'USD', interval: 'month' }],
  });
});

describe('plans through the API', () => {
  it('creates plans with their prices, the currency in lower case and no Stripe price yet', () => {
    expect(free).toMatchObject({ key: 'free', isDefault: true, archived: false, features: { projects: 3 }, prices: [] });
    expect(pro).toMatchObject({ key: 'pro', isDefault: false, features: { projects: 50, export: true } });
    expect(pro.prices).toEqual([{ id: expect.any(String), amount: 1900, currency: 'usd', interval: 'month', stripePriceId: null }]);
  });

  it('refuses a second plan with the same key (409) and keeps the first', async () => {
    const dup = await platform.api.post(plansOf(appId), { key: 'pro', name: 'Pro again' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe('conflict');
    const list = await platform.api.get<{ items: ApiPlan[] }>(plansOf(appId));
    expect(list.body.items.filter((p) => p.key === 'pro')).toHaveLength(1);
  });

  it('answers bad features and prices with the fields that are wrong, and creates nothing', async () => {
    const bad = await platform.api.post<{ error: string; details: Record<string, string[]> }>(plansOf(appId), {
      key: 'broken',
      name: 'Broken',
      features: { Export: { nested: true } },
      prices: [{ amount: 19.5, currency: 'dollars', interval: 'week' }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toBe('validation_failed');
    const fields = Object.keys(bad.body.details);
    expect(fields.some((f) => f.startsWith('features'))).toBe(true);
    expect(fields).toEqual(expect.arrayContaining(['prices.0.amount', 'prices.0.currency', 'prices.0.interval']));
    const unknownField = await platform.api.post(plansOf(appId), { key: 'broken', name: 'Broken', colour: 'red' });
    expect(unknownField.status).toBe(422);
    const list = await platform.api.get<{ items: ApiPlan[] }>(`${plansOf(appId)}?archived=true`);
    expect(list.body.items.map((p) => p.key)).not.toContain('broken');
    expect((await platform.api.get(`${plansOf(appId)}?archived=maybe`)).status).toBe(400);
  });

  it('moves the default: making one plan default makes the other not', async () => {
    const changed = await platform.api.patch<ApiPlan>(`${plansOf(appId)}/${pro.id}`, { isDefault: true });
    expect(changed.status).toBe(200);
    expect(changed.body.isDefault).toBe(true);
    let list = await platform.api.get<{ items: ApiPlan[] }>(plansOf(appId));
    expect(list.body.items.map((p) => [p.key, p.isDefault])).toEqual([['pro', true], ['free', false]]);
    expect((await platform.api.patch(`${plansOf(appId)}/${free.id}`, { isDefault: true })).status).toBe(200);
    list = await platform.api.get<{ items: ApiPlan[] }>(plansOf(appId));
    expect(list.body.items.map((p) => [p.key, p.isDefault])).toEqual([['free', true], ['pro', false]]);
    expect((await platform.api.patch(`${plansOf(appId)}/${pro.id}`, {})).status).toBe(422);
  });

  it('archives a plan: listed only with archived=true, and it cannot become the default', async () => {
    const old = await createPlanThroughApi(platform.api, appId, { key: 'legacy', name: 'Legacy' });
    const archived = await platform.api.post<ApiPlan>(`${plansOf(appId)}/${old.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archived).toBe(true);
    expect((await platform.api.get<{ items: ApiPlan[] }>(plansOf(appId))).body.items.map((p) => p.key)).not.toContain('legacy');
    expect((await platform.api.get<{ items: ApiPlan[] }>(`${plansOf(appId)}?archived=true`)).body.items.map((p) => p.key)).toContain('legacy');
    expect((await platform.api.patch(`${plansOf(appId)}/${old.id}`, { isDefault: true })).status).toBe(409);
  });

  it('does not find a plan under another application, and changes nothing', async () => {
    const wrong = `${plansOf(otherAppId)}/${pro.id}`;
    expect((await platform.api.patch(wrong, { name: 'Hijacked' })).status).toBe(404);
    expect((await platform.api.post(`${wrong}/archive`)).status).toBe(404);
    expect((await platform.api.patch(`${plansOf(appId)}/no-such-plan`, { name: 'X' })).status).toBe(404);
    expect((await platform.api.get(plansOf('no-such-app'))).status).toBe(404);
    const list = await platform.api.get<{ items: ApiPlan[] }>(plansOf(appId));
    expect(list.body.items.find((p) => p.id === pro.id)).toMatchObject({ name: 'Pro', archived: false });
  });

  it('lets administrators read plans, and only platform actors change them', async () => {
    expect((await admin.api.get(plansOf(appId))).status).toBe(200);
    expect((await readClient.get(plansOf(appId))).status).toBe(200);
    expect((await member.api.get(plansOf(appId))).status).toBe(403);
    const byOwner = await owner.api.post(plansOf(appId), { key: 'sneaky', name: 'Sneaky' });
    expect(byOwner.status).toBe(403);
    expect((await owner.api.patch(`${plansOf(appId)}/${pro.id}`, { features: { projects: 9999 } })).status).toBe(403);
    expect((await owner.api.post(`${plansOf(appId)}/${pro.id}/archive`)).status).toBe(403);
    const list = await platform.api.get<{ items: ApiPlan[] }>(plansOf(appId));
    expect(list.body.items.map((p) => p.key).sort()).toEqual(['free', 'pro']);
    expect(list.body.items.find((p) => p.key === 'pro')?.features).toEqual({ projects: 50, export: true });
  });
});

describe('an organization\u2019s billing through the API', () => {
  it('shows the default plan in effect and the plans on offer', async () => {
    const res = await owner.api.get<Overview>(billingOf(owner.orgId));
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe('stripe');
    const entry = entryOf(res.body)!;
    expect(entry).toMatchObject({ planInEffect: { key: 'free' }, features: { projects: 3 }, subscription: null });
    expect(entry.plans.map((p) => p.key)).toEqual(['free', 'pro']);
  });

  it('assigns a plan by hand, which the overview, the list and the member\u2019s next token show', async () => {
    expect(await featuresInNextToken(portalUrl, client, member.email)).toEqual({ projects: 3 });
    const set = await platform.api.request<{ planKey: string; source: string; endsAt: string | null }>(
      'PUT',
      `/organizations/${owner.orgId}/subscriptions/${appId}`,
      { planKey: 'pro' },
    );
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ planKey: 'pro', source: 'manual', endsAt: null });
    const entry = entryOf((await owner.api.get<Overview>(billingOf(owner.orgId))).body)!;
    expect(entry).toMatchObject({ planInEffect: { key: 'pro' }, features: { projects: 50, export: true }, subscription: { planKey: 'pro', source: 'manual' } });
    const list = await admin.api.get<{ items: { applicationId: string; planKey: string }[] }>(`/organizations/${owner.orgId}/subscriptions`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ applicationId: appId, planKey: 'pro' })]);
    expect(await featuresInNextToken(portalUrl, client, member.email)).toEqual({ projects: 50, export: true });
  });

  it('refuses a past end date (422) and an unknown plan (404) without changing the subscription', async () => {
    const path = `/organizations/${owner.orgId}/subscriptions/${appId}`;
    expect((await platform.api.request('PUT', path, { planKey: 'free', until: '2001-01-01T00:00:00Z' })).status).toBe(422);
    expect((await platform.api.request('PUT', path, { planKey: 'platinum' })).status).toBe(404);
    expect((await platform.api.request('PUT', path, { planKey: 'free', until: 'tomorrow' })).status).toBe(422);
    const plan = await queryPortalDb(portalDb, async (sql) => {
      const [row] = await sql`select p.key from subscriptions s join plans p on p.id = s.plan_id where s.org_id = ${owner.orgId} and s.application_id = ${appId}`;
      return row?.key as string | undefined;
    });
    expect(plan).toBe('pro');
  });

  it('lets owners, admins and admin:read clients read billing, and nobody but platform actors assign plans', async () => {
    expect((await admin.api.get(billingOf(owner.orgId))).status).toBe(200);
    expect((await readClient.get(billingOf(owner.orgId))).status).toBe(200);
    expect((await readClient.get(`/organizations/${owner.orgId}/subscriptions`)).status).toBe(200);
    expect((await member.api.get(billingOf(owner.orgId))).status).toBe(403);
    expect((await member.api.get(`/organizations/${owner.orgId}/subscriptions`)).status).toBe(403);
    const path = `/organizations/${owner.orgId}/subscriptions/${appId}`;
    for (const person of [owner, admin]) expect((await person.api.request('PUT', path, { planKey: 'free' })).status).toBe(403);
    expect((await readClient.request('PUT', path, { planKey: 'free' })).status).toBe(403);
  });

  it('lets only those who may pay start a checkout, open the billing portal or cancel', async () => {
    const body = { priceId: pro.prices[0]!.id };
    for (const person of [admin, member]) {
      expect((await person.api.post(`${billingOf(owner.orgId)}/checkout`, body)).status).toBe(403);
      expect((await person.api.post(`${billingOf(owner.orgId)}/portal`, {})).status).toBe(403);
      expect((await person.api.post(`/organizations/${owner.orgId}/subscriptions/${appId}/cancel`, { atPeriodEnd: true })).status).toBe(403);
    }
  });

  it('hides other organizations\u2019 billing behind 404', async () => {
    expect((await outsider.api.get(billingOf(owner.orgId))).status).toBe(404);
    expect((await outsider.api.post(`${billingOf(owner.orgId)}/checkout`, { priceId: pro.prices[0]!.id })).status).toBe(404);
    expect((await owner.api.get(billingOf(outsider.orgId))).status).toBe(404);
    expect((await readClient.get(billingOf(outsider.orgId))).status).toBe(404);
    expect((await owner.api.get(billingOf('no-such-org'))).status).toBe(404);
  });

  it('refuses return addresses off the portal (400) and unknown prices (404), never a 500', async () => {
    const checkout = `${billingOf(owner.orgId)}/checkout`;
    const priceId = pro.prices[0]!.id;
    for (const away of ['https://evil.example/billing', '//evil.example/x', 'javascript:alert(1)', `${portalUrl}.evil.example/`]) {
      const res = await owner.api.post(checkout, { priceId, returnUrl: away });
      expect(res.status, away).toBe(400);
      expect(res.body.error).toBe('invalid_request');
      expect((await owner.api.post(checkout, { priceId, cancelUrl: away })).status, away).toBe(400);
      expect((await owner.api.post(`${billingOf(owner.orgId)}/portal`, { returnUrl: away })).status, away).toBe(400);
    }
    expect((await owner.api.post(checkout, { priceId: 'no-such-price' })).status).toBe(404);
    expect((await owner.api.post(checkout, {})).status).toBe(422);
    expect((await owner.api.post(checkout, { priceId: 42 })).status).toBe(422);
  });

  it('answers the billing portal with 422 while the organization has never paid, and cancel with 404 without a paid subscription', async () => {
    expect((await owner.api.post(`${billingOf(owner.orgId)}/portal`, {})).status).toBe(422);
    expect((await owner.api.post(`/organizations/${owner.orgId}/subscriptions/${appId}/cancel`, { atPeriodEnd: true })).status).toBe(404);
    expect((await owner.api.post(`/organizations/${owner.orgId}/subscriptions/${appId}/cancel`, { atPeriodEnd: 'yes' })).status).toBe(422);
  });
});
