// Who may write and read whose usage: a client meters its own application only, for organizations
// that use it; writing takes a client_credentials token holding consumption:write; reading is for
// the application's client, members holding auth.billing.read and platform actors.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { adminClientToken, signedInPerson, type Person } from './harness/admin-api';
import {
  ConsumptionApi,
  changeTermsInDb,
  consumptionClient,
  createMeteredApp,
  createOrganization,
  METER,
  storedUsage,
  subscribe,
  subscribedOrganization,
  usageEvent,
  type ErrorBody,
  type MeteredApp,
} from './harness/consumption';
import { codeFlowTokens, createClient, signedInBrowser, type CreatedClient } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

const PLANS = { metered: { [METER]: { limit: 100, period: 'month', enforcement: 'hard' } } } as const;

let appA: MeteredApp;
let appB: MeteredApp;
let clientA: ConsumptionApi;
let clientB: ConsumptionApi;

beforeAll(async () => {
  [appA, appB] = await Promise.all([createMeteredApp(portalDb, PLANS), createMeteredApp(portalDb, PLANS)]);
  clientA = await consumptionClient(portalUrl, portalDb, appA.appId);
  clientB = await consumptionClient(portalUrl, portalDb, appB.appId);
});

/** An organization using both applications. */
async function sharedOrganization(): Promise<string> {
  const org = await subscribedOrganization(portalDb, appA, 'metered');
  await changeTermsInDb(portalDb, org, (sql) => sql`insert into subscriptions (id, org_id, application_id, plan_id, status, source)
    select ${randomUUID()}, ${org}, ${appB.appId}, p.id, 'active', 'manual' from plans p where p.application_id = ${appB.appId}`);
  return org;
}

describe('one application\u2019s usage', () => {
  it('lands on the writing client\u2019s application, and the other application\u2019s client never sees it', async () => {
    const org = await sharedOrganization();
    expect(await clientA.recordBatch([usageEvent(org, { value: 3 })])).toMatchObject([{ status: 'recorded', total: 3 }]);
    expect(await clientB.recordBatch([usageEvent(org, { value: 40 })])).toMatchObject([{ status: 'recorded', total: 40 }]);

    expect((await clientA.report({ org_id: org, meter: METER })).total).toBe(3);
    expect((await clientB.report({ org_id: org, meter: METER })).total).toBe(40);
    expect(await clientA.check({ org_id: org, meter: METER, value: 1 })).toMatchObject({ body: { allowed: true, total: 3 } });
    expect(await storedUsage(portalDb, appA.appId, org)).toMatchObject({ events: 1, eventSum: 3 });
    expect(await storedUsage(portalDb, appB.appId, org)).toMatchObject({ events: 1, eventSum: 40 });
  });

  it('cannot be read by naming the other application: a client always reads its own', async () => {
    const org = await sharedOrganization();
    await clientA.recordBatch([usageEvent(org, { value: 2 })]);
    await clientB.recordBatch([usageEvent(org, { value: 7 })]);
    for (const application of [appB.key, appB.appId]) {
      expect((await clientA.report({ org_id: org, meter: METER, application })).total).toBe(2);
    }
    for (const application of [appA.key, appA.appId]) {
      expect((await clientB.report({ org_id: org, meter: METER, application })).total).toBe(7);
    }
  });

  it('is not written for an organization that uses only the other application, nor read for it', async () => {
    const orgOfB = await subscribedOrganization(portalDb, appB, 'metered');
    const event = usageEvent(orgOfB);
    const res = await clientA.record(event);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ id: event.id, status: 'rejected', code: 'unknown_organization', message: expect.any(String), total: null, limit: null, remaining: null }]);
    expect((await clientA.check({ org_id: orgOfB, meter: METER })).body).toMatchObject({ allowed: false, code: 'unknown_organization' });
    expect((await clientA.read({ org_id: orgOfB, meter: METER })).status).toBe(404);
    expect(await storedUsage(portalDb, appA.appId, orgOfB)).toMatchObject({ events: 0, counters: {} });
    expect(await storedUsage(portalDb, appB.appId, orgOfB)).toMatchObject({ events: 0, counters: {} });
  });
});

describe('organizations', () => {
  it('answers unknown_organization for an organization that does not use the application, or does not exist', async () => {
    const { orgId: stranger } = await createOrganization(portalDb);
    const results = await clientA.recordBatch([usageEvent(stranger), usageEvent(`org-${randomUUID()}`)]);
    expect(results.map((r) => [r.status, r.code])).toEqual([['rejected', 'unknown_organization'], ['rejected', 'unknown_organization']]);
    expect(await storedUsage(portalDb, appA.appId, stranger)).toMatchObject({ events: 0, counters: {} });
  });

  it('answers not_subscribed for an organization of the application with no plan in effect', async () => {
    const org = await subscribedOrganization(portalDb, appA, 'metered');
    await changeTermsInDb(portalDb, org, (sql) => sql`update subscriptions set ends_at = now() - interval '1 day' where org_id = ${org}`);
    const event = usageEvent(org);
    const res = await clientA.record(event);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ id: event.id, status: 'rejected', code: 'not_subscribed', message: expect.any(String), total: null, limit: null, remaining: null }]);
    expect((await clientA.check({ org_id: org, meter: METER })).body).toMatchObject({ allowed: false, code: 'not_subscribed' });
    expect(await storedUsage(portalDb, appA.appId, org)).toMatchObject({ events: 0, counters: {} });
  });
});

describe('writers', () => {
  let reader: ConsumptionApi;
  let writer: ConsumptionApi;
  let strangers: ConsumptionApi[];

  beforeAll(async () => {
    // At once: each CLI call is a process of its own.
    const userToken = async () => {
      const [{ email }, web] = await Promise.all([createOrganization(portalDb), createClient(portalDb, appA.appId)]);
      const tokens = await codeFlowTokens(portalUrl, await signedInBrowser(portalUrl, email), web as CreatedClient & { client_secret: string }, email);
      return tokens.access_token as string;
    };
    const [readOnly, writeOnly, accessToken, admin] = await Promise.all([
      consumptionClient(portalUrl, portalDb, appA.appId, 'consumption:read'),
      consumptionClient(portalUrl, portalDb, appA.appId, 'consumption:write'),
      userToken(),
      adminClientToken(portalUrl, portalDb, 'admin:read admin:write'),
    ]);
    [reader, writer] = [readOnly, writeOnly];
    strangers = [
      ConsumptionApi.bearer(portalUrl, accessToken),
      ConsumptionApi.bearer(portalUrl, admin.token),
      ConsumptionApi.bearer(portalUrl, 'not-a-token'),
      new ConsumptionApi(portalUrl, {}),
    ];
  });

  it('refuses a token without consumption:write with 403 insufficient_scope, and one without consumption:read reading', async () => {
    const org = await subscribedOrganization(portalDb, appA, 'metered');
    const refused = await reader.record(usageEvent(org));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'insufficient_scope', message: expect.any(String) });
    expect((await reader.read({ org_id: org, meter: METER })).status).toBe(200);
    expect((await reader.check({ org_id: org, meter: METER })).status).toBe(200);

    const cannotRead = await writer.read({ org_id: org, meter: METER });
    expect(cannotRead.status).toBe(403);
    expect(cannotRead.body).toMatchObject({ error: 'insufficient_scope' });
    expect(await storedUsage(portalDb, appA.appId, org)).toMatchObject({ events: 0 });
  });

  it('refuses a user\u2019s access token, an admin API token, a made-up token and none with 401', async () => {
    const org = await subscribedOrganization(portalDb, appA, 'metered');
    for (const caller of strangers) {
      const res = await caller.record(usageEvent(org));
      expect(res.status).toBe(401);
      expect(res.body as unknown as ErrorBody).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    expect(await storedUsage(portalDb, appA.appId, org)).toMatchObject({ events: 0 });
  });
});

describe('readers', () => {
  let owner: Person;
  let member: Person;
  let platform: ConsumptionApi;
  let boundElsewhere: ConsumptionApi;

  beforeAll(async () => {
    owner = await signedInPerson(portalUrl, portalDb, 'owner');
    member = await signedInPerson(portalUrl, portalDb, 'member', { org: { id: owner.orgId, role: 'user' } });
    await subscribe(portalDb, owner.orgId, appA, 'metered');
    await clientA.recordBatch([usageEvent(owner.orgId, { value: 9 })]);
    platform = ConsumptionApi.bearer(portalUrl, (await adminClientToken(portalUrl, portalDb, 'admin:read')).token);
    const elsewhere = await subscribedOrganization(portalDb, appA, 'metered');
    boundElsewhere = ConsumptionApi.bearer(portalUrl, (await adminClientToken(portalUrl, portalDb, 'admin:read', elsewhere)).token);
  });

  const sessionOf = (person: Person) => new ConsumptionApi(portalUrl, { cookie: (person.api.credentials as { cookie: string }).cookie });
  const query = () => ({ org_id: owner.orgId, meter: METER, application: appA.key });

  it('lets the owner read with the session, naming the application, and not a member without auth.billing.read', async () => {
    expect(await sessionOf(owner).report(query())).toMatchObject({ total: 9, limit: 100, remaining: 91 });
    expect(await sessionOf(owner).report({ ...query(), application: appA.appId })).toMatchObject({ total: 9 });
    const unnamed = await sessionOf(owner).read({ org_id: owner.orgId, meter: METER });
    expect(unnamed.status).toBe(400);

    const refused = await sessionOf(member).read(query());
    expect([403, 404]).toContain(refused.status);
    expect(refused.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    expect(refused.body).not.toHaveProperty('total');
  });

  it('lets a platform admin token read any organization, and not an admin client bound to another organization', async () => {
    expect(await platform.report(query())).toMatchObject({ total: 9, limit: 100 });
    const refused = await boundElsewhere.read(query());
    expect([403, 404]).toContain(refused.status);
    expect(refused.body).not.toHaveProperty('total');
  });
});
