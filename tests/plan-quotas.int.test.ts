// Quotas are set with the plan, alike through the CLI and the admin API: stored, listed, refused
// with the same message when wrong, and carried by the next access token as `quota.<meter>`.
import type { JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInPerson, type Person } from './harness/admin-api';
import { cli, cliFailure } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { createApp, createClient } from './harness/oidc';
import { nextAccessClaims } from './harness/token-claims';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

type Quotas = Record<string, { limit: number; period: string; enforcement: string }>;
type CliPlan = { key: string; features: Record<string, unknown>; quotas: Quotas; prices: { amount: number; usage_meter: string | null; stripe_meter_event: string | null }[] };
type ApiPlan = { id: string; key: string; features: Record<string, unknown>; quotas: Quotas; prices: { amount: number; usageMeter?: string; stripeMeterEvent?: string }[] };
type Refusal = { error: string; message: string; details?: Record<string, string[]> };

const TEAM_QUOTAS: Quotas = {
  api_calls: { limit: 10000, period: 'month', enforcement: 'hard' },
  'storage.gb': { limit: 5, period: 'lifetime', enforcement: 'soft' },
};

let platform: Person;
let owner: Person;
let appId: string;
let appKey: string;
let nextClaims: () => Promise<JWTPayload>;

// Each CLI run starts a process (seconds on a busy machine); a test with several gets more time.
const CLI_TIMEOUT = 180_000;

const plansPath = () => `/applications/${appId}/plans`;

async function listedPlans(): Promise<CliPlan[]> {
  return (await cli<{ plans: CliPlan[] }>(portalDb, 'plan', 'list', '--app', appKey)).plans;
}

async function storedPlans(key: string): Promise<{ quotas: Quotas; features: Record<string, unknown> }[]> {
  return (await sql`select quotas, features from plans where application_id = ${appId} and key = ${key}`) as never;
}

/** The `quota.*` members of the features in the owner's organization's next access token. */
async function quotaFeatures(): Promise<Record<string, unknown>> {
  const claims = await nextClaims();
  expect(claims.org_id).toBe(owner.orgId);
  return Object.fromEntries(Object.entries(claims.features as Record<string, unknown>).filter(([key]) => key.startsWith('quota.')));
}

beforeAll(async () => {
  [platform, owner, appId] = (await Promise.all([
    signedInPerson(portalUrl, portalDb, 'quotas-platform', { platformAdmin: true }),
    signedInPerson(portalUrl, portalDb, 'quotas-owner'),
    createApp(portalDb, 'Plan quotas'),
  ])) as [Person, Person, string];
  appKey = (await sql`select key from applications where id = ${appId}`)[0]!.key as string;
  const client = await createClient(portalDb, appId, '--scope', 'openid offline_access', '--first-party');
  await cli(
    portalDb,
    'plan', 'create', '--app', appKey, '--key', 'team', '--name', 'Team', '--features', '{"export": true}',
    '--quota', 'api_calls:10000:month:hard', '--quota', 'storage.gb:5:lifetime:soft',
    '--price', '2:usd:month:api_calls:api_requests',
  );
  await cli(portalDb, 'subscription', 'set', '--org', owner.orgId, '--app', appKey, '--plan', 'team');
  nextClaims = await nextAccessClaims(portalUrl, client as { client_id: string; client_secret: string }, owner.email);
}, 300_000);

describe('plan quotas through the CLI', () => {
  it('stores two --quota values and a metered --price, and plan list --json shows them', async () => {
    const team = (await listedPlans()).find((p) => p.key === 'team')!;
    expect(team.quotas).toEqual(TEAM_QUOTAS);
    expect(team.features).toEqual({ export: true });
    expect(team.prices).toEqual([expect.objectContaining({ amount: 2, usage_meter: 'api_calls', stripe_meter_event: 'api_requests' })]);
    expect(await storedPlans('team')).toEqual([{ quotas: TEAM_QUOTAS, features: { export: true } }]);
  }, CLI_TIMEOUT);

  it('puts each quota limit in the next access token as quota.<meter>, beside the features', async () => {
    const claims = await nextClaims();
    expect(claims.features).toEqual({ export: true, 'quota.api_calls': 10000, 'quota.storage.gb': 5 });
  });

  it('replaces the quotas on update, and the next token follows', async () => {
    await cli(portalDb, 'plan', 'update', `${appKey}/team`, '--quota', 'api_calls:500:day:hard');
    expect((await listedPlans()).find((p) => p.key === 'team')!.quotas).toEqual({ api_calls: { limit: 500, period: 'day', enforcement: 'hard' } });
    expect(await quotaFeatures()).toEqual({ 'quota.api_calls': 500 });
  }, CLI_TIMEOUT);

  it('removes every quota with --no-quotas, and the next token has none', async () => {
    await cli(portalDb, 'plan', 'update', `${appKey}/team`, '--no-quotas');
    expect((await storedPlans('team'))[0]!.quotas).toEqual({});
    expect(await quotaFeatures()).toEqual({});
    await cli(portalDb, 'plan', 'update', `${appKey}/team`, ...Object.entries(TEAM_QUOTAS).flatMap(([m, q]) => ['--quota', `${m}:${q.limit}:${q.period}:${q.enforcement}`]));
    expect(await quotaFeatures()).toEqual({ 'quota.api_calls': 10000, 'quota.storage.gb': 5 });
  }, CLI_TIMEOUT);

  it('audits a quota change with the quotas before it', async () => {
    await cli(portalDb, 'plan', 'update', `${appKey}/team`, '--quota', 'api_calls:20000:month:hard', '--quota', 'storage.gb:5:lifetime:soft');
    const [entry] = await sql`select detail from audit_log where event = 'billing.plan_updated' and detail->>'key' = 'team'
      and detail->'changed' ? 'quotas' order by created_at desc limit 1`;
    expect(entry!.detail).toMatchObject({ actor: 'operator', changed: ['quotas'], quotas_before: TEAM_QUOTAS });
    expect(await quotaFeatures()).toEqual({ 'quota.api_calls': 20000, 'quota.storage.gb': 5 });
  }, CLI_TIMEOUT);

  it('says a non-numeric price amount is a whole number of cents, and writes nothing', async () => {
    const failed = await cliFailure(portalDb, 'plan', 'create', '--app', appKey, '--key', 'nan', '--name', 'NaN', '--price', 'abc:usd:month');
    expect(failed).toEqual({ code: 2, stderr: '--price abc:usd:month: The amount is a whole number in minor units (cents), e.g. 1900 for 19.00.' });
    expect(await storedPlans('nan')).toEqual([]);
  }, CLI_TIMEOUT);
});

describe('plan quotas through the admin API', () => {
  let api: ApiPlan;

  it('creates a plan with quotas and a metered price, and lists them', async () => {
    const res = await platform.api.post<ApiPlan>(plansPath(), {
      key: 'api',
      name: 'API',
      quotas: { api_calls: { limit: 1000, period: 'day', enforcement: 'hard' } },
      prices: [{ amount: 3, currency: 'usd', interval: 'month', usageMeter: 'api_calls', stripeMeterEvent: 'api_calls.v1' }],
    });
    expect(res.status).toBe(201);
    api = res.body;
    expect(api.quotas).toEqual({ api_calls: { limit: 1000, period: 'day', enforcement: 'hard' } });
    expect(api.prices).toEqual([expect.objectContaining({ amount: 3, usageMeter: 'api_calls', stripeMeterEvent: 'api_calls.v1' })]);
    const list = await platform.api.get<{ items: ApiPlan[] }>(plansPath());
    expect(list.body.items.find((p) => p.key === 'api')?.quotas).toEqual(api.quotas);
  });

  it('replaces the quotas on PATCH, and {} removes them', async () => {
    const replaced = await platform.api.patch<ApiPlan>(`${plansPath()}/${api.id}`, { quotas: { seats: { limit: 10, period: 'lifetime', enforcement: 'soft' } } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.quotas).toEqual({ seats: { limit: 10, period: 'lifetime', enforcement: 'soft' } });
    const cleared = await platform.api.patch<ApiPlan>(`${plansPath()}/${api.id}`, { quotas: {} });
    expect(cleared.body.quotas).toEqual({});
    expect(await storedPlans('api')).toEqual([{ quotas: {}, features: {} }]);
  });

  it('moves the next token with a quota change made through the API', async () => {
    const [team] = await sql`select id from plans where application_id = ${appId} and key = 'team'`;
    const res = await platform.api.patch<ApiPlan>(`${plansPath()}/${team!.id}`, { quotas: { api_calls: { limit: 7, period: 'month', enforcement: 'hard' } } });
    expect(res.status).toBe(200);
    expect(await quotaFeatures()).toEqual({ 'quota.api_calls': 7 });
  });

  it('refuses a price with a meter but no Stripe meter event', async () => {
    const res = await platform.api.post<Refusal>(plansPath(), { key: 'half', name: 'Half', prices: [{ amount: 1, currency: 'usd', interval: 'month', usageMeter: 'api_calls' }] });
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual({ 'prices.0.usageMeter': ['A metered price names both its meter and its Stripe meter event name, or neither.'] });
    expect(await storedPlans('half')).toEqual([]);
  });

  it('is refused to an organization owner who is not a platform administrator', async () => {
    const res = await owner.api.post<Refusal>(plansPath(), { key: 'mine', name: 'Mine', quotas: { api_calls: { limit: 1, period: 'day', enforcement: 'hard' } } });
    expect(res.status).toBe(403);
    expect(await storedPlans('mine')).toEqual([]);
  });
});

describe('bad quotas, refused alike by the CLI and the API (same message, nothing written)', () => {
  const FIELD_REFUSALS = [
    { quota: 'api_calls:10:week:hard', field: 'quotas.api_calls.period', message: 'A quota period is day, month, billing_period or lifetime.' },
    { quota: 'api_calls:10:month:strict', field: 'quotas.api_calls.enforcement', message: 'A quota is hard (refused past the limit) or soft (recorded and flagged).' },
    { quota: 'api_calls:-5:month:hard', field: 'quotas.api_calls.limit', message: 'A quota limit is 0 or more.' },
    { quota: 'API calls:10:month:hard', field: 'quotas', message: 'Meter keys are lower case letters, digits, "_", "." or "-", starting with a letter.' },
  ];

  it.each(FIELD_REFUSALS.map((r, i) => [r.quota, { ...r, key: `bad-${i}` }] as const))('%s', async (_quota, { quota, field, message, key }) => {
    const [meter, limit, period, enforcement] = quota.split(':') as [string, string, string, string];
    const [api, failed] = await Promise.all([
      platform.api.post<Refusal>(plansPath(), { key, name: 'Bad', quotas: { [meter]: { limit: Number(limit), period, enforcement } } }),
      cliFailure(portalDb, 'plan', 'create', '--app', appKey, '--key', key, '--name', 'Bad', '--quota', quota),
    ]);
    expect(api.status).toBe(422);
    expect(api.body.details).toEqual({ [field]: [message] });
    expect(failed).toEqual({ code: 2, stderr: `--quota ${quota}: ${message}` });
    expect(await storedPlans(key)).toEqual([]);
  }, CLI_TIMEOUT);

  it('refuses a quota beside a feature quota.<meter> set by hand, on create and on update', async () => {
    const message = 'The feature "quota.api_calls" collides with the quota of api_calls: feature keys starting with "quota." are reserved for quota limits.';
    const [api, failed] = await Promise.all([
      platform.api.post<Refusal>(plansPath(), {
        key: 'clash-api',
        name: 'Clash',
        features: { 'quota.api_calls': 99 },
        quotas: { api_calls: { limit: 10, period: 'month', enforcement: 'hard' } },
      }),
      cliFailure(portalDb, 'plan', 'create', '--app', appKey, '--key', 'clash-cli', '--name', 'Clash', '--features', '{"quota.api_calls": 99}', '--quota', 'api_calls:10:month:hard'),
    ]);
    expect(api.status).toBe(422);
    expect(api.body).toEqual({ error: 'unprocessable', message });
    expect(failed).toEqual({ code: 2, stderr: message });
    expect(await sql`select key from plans where application_id = ${appId} and key like 'clash-%'`).toEqual([]);

    // team has a quota of api_calls: a hand-set feature of that name is refused too, and nothing changes.
    const before = await storedPlans('team');
    const update = await cliFailure(portalDb, 'plan', 'update', `${appKey}/team`, '--features', '{"quota.api_calls": 1}');
    expect(update).toEqual({ code: 2, stderr: message });
    expect(await storedPlans('team')).toEqual(before);
  }, CLI_TIMEOUT);

  it('refuses a malformed --quota with the format, and a repeated meter', async () => {
    expect(await cliFailure(portalDb, 'plan', 'update', `${appKey}/team`, '--quota', 'api_calls:10')).toEqual({
      code: 2,
      stderr: '--quota api_calls:10: write METER:LIMIT:PERIOD:hard|soft, e.g. api_calls:10000:month:hard',
    });
    expect(await cliFailure(portalDb, 'plan', 'update', `${appKey}/team`, '--quota', 'api_calls:10:day:hard', '--quota', 'api_calls:5:day:soft')).toEqual({
      code: 2,
      stderr: '--quota api_calls:5:day:soft: api_calls has a quota already; give one --quota per meter',
    });
    expect(await cliFailure(portalDb, 'plan', 'update', `${appKey}/team`, '--quota', 'api_calls:10:day:hard', '--no-quotas')).toEqual({
      code: 2,
      stderr: '--no-quotas: cannot be combined with --quota',
    });
  }, CLI_TIMEOUT);
});
