import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import type { PlanQuotas } from '@/db/schema';
import type { CheckAnswer } from '@/lib/consumption/check';
import type { UsageResult } from '@/lib/consumption/record';
import type { UsageReport } from '@/lib/consumption/report';
import { PASSWORD } from './accounts';
import type { ApiResponse } from './admin-api';
import { cli } from './cli';
import { basicAuth, createClient, postForm, queryPortalDb, type CreatedClient, type PortalDb } from './oidc';

export const CONSUMPTION_SCOPES = 'consumption:write consumption:read';
export const METER = 'api_calls';

export type MeteredApp = { appId: string; key: string };
export type ErrorBody = { error: string; message: string };
export type RecordAnswer = { results: UsageResult[] };

/** `--quota` options of the CLI for `quotas` (METER:LIMIT:PERIOD:hard|soft). */
export const quotaOptions = (quotas: PlanQuotas) =>
  Object.entries(quotas).flatMap(([meter, q]) => ['--quota', `${meter}:${q.limit}:${q.period}:${q.enforcement}`]);

/**
 * An application with `plans` (plan key → its quotas), created with the CLI. `defaultPlan` is given
 * to organizations that use the application without a subscription.
 */
export async function createMeteredApp(portalDb: PortalDb, plans: Record<string, PlanQuotas> = {}, defaultPlan?: string): Promise<MeteredApp> {
  const app = await cli<{ app_id: string; key: string }>(portalDb, 'app', 'create', '--name', `Meter ${randomUUID().slice(0, 8)}`);
  for (const [key, quotas] of Object.entries(plans)) {
    await cli(portalDb, 'plan', 'create', '--app', app.key, '--key', key, '--name', key, ...quotaOptions(quotas), ...(key === defaultPlan ? ['--default'] : []));
  }
  return { appId: app.app_id, key: app.key };
}

/** A new organization (its owner made with the CLI); it uses no application yet. */
export async function createOrganization(portalDb: PortalDb): Promise<{ orgId: string; email: string }> {
  const email = `metered-${randomUUID()}@example.com`;
  const { org_id } = await cli<{ org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD, '--name', 'Metered');
  return { orgId: org_id, email };
}

/** Puts `orgId` on `plan` of `app` (a manual subscription: the organization then uses the application). */
export async function subscribe(portalDb: PortalDb, orgId: string, app: MeteredApp, plan: string): Promise<void> {
  await cli(portalDb, 'subscription', 'set', '--org', orgId, '--app', app.key, '--plan', plan);
}

/**
 * A new organization on `plan` of `app`: the rows `subscription set` writes (an active manual
 * subscription), inserted directly, as a CLI process per organization takes seconds.
 */
export async function subscribedOrganization(portalDb: PortalDb, app: MeteredApp, plan: string): Promise<string> {
  const orgId = randomUUID();
  await queryPortalDb(portalDb, (sql) =>
    sql.begin(async (tx) => {
      await tx`insert into organizations (id, name) values (${orgId}, ${`Metered ${orgId.slice(0, 8)}`})`;
      await tx`insert into subscriptions (id, org_id, application_id, plan_id, status, source)
        select ${randomUUID()}, ${orgId}, ${app.appId}, p.id, 'active', 'manual' from plans p where p.application_id = ${app.appId} and p.key = ${plan}`;
    }),
  );
  return orgId;
}

/** Runs `statement` on the portal's database and announces a claims change of `orgId`, in one transaction. */
export async function changeTermsInDb(portalDb: PortalDb, orgId: string, statement: (sql: postgres.TransactionSql) => Promise<unknown>): Promise<void> {
  await queryPortalDb(portalDb, (sql) =>
    sql.begin(async (tx) => {
      await statement(tx);
      await tx`select pg_notify('claims_changed', ${orgId})`;
    }),
  );
}

/** A client_credentials token of a new client of `appId` holding `scope`. */
export async function clientCredentialsToken(portalUrl: string, portalDb: PortalDb, appId: string, scope = CONSUMPTION_SCOPES): Promise<{ client: CreatedClient; token: string }> {
  const client = await createClient(portalDb, appId, '--grant', 'client_credentials', '--scope', scope);
  const res = await postForm(`${portalUrl}/oauth/token`, { grant_type: 'client_credentials', scope }, { authorization: basicAuth(client.client_id, client.client_secret!) });
  if (res.status !== 200) throw new Error(`client_credentials failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, token: res.body.access_token as string };
}

/** A caller of the consumption API with the token of a new client of `appId` holding `scope`. */
export async function consumptionClient(portalUrl: string, portalDb: PortalDb, appId: string, scope = CONSUMPTION_SCOPES): Promise<ConsumptionApi> {
  return ConsumptionApi.bearer(portalUrl, (await clientCredentialsToken(portalUrl, portalDb, appId, scope)).token);
}

/** Talks to /api/consumption as one caller: a bearer token, a session cookie, or nobody. */
export class ConsumptionApi {
  constructor(
    readonly portalUrl: string,
    readonly headers: Record<string, string>,
  ) {}

  static bearer(portalUrl: string, token: string): ConsumptionApi {
    return new ConsumptionApi(portalUrl, { authorization: `Bearer ${token}` });
  }

  /** A request with a raw body and headers of the test's choosing. */
  async send<T>(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(new URL(path, this.portalUrl), { method, headers: { ...this.headers, ...headers }, body });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  /** POST /api/consumption: one event, or { events }. */
  record(body: unknown) {
    return this.send<RecordAnswer>('POST', '/api/consumption', JSON.stringify(body), { 'content-type': 'application/json' });
  }

  /** The results of recording `events` as one batch, after asserting the answer was 200. */
  async recordBatch(events: unknown[]): Promise<UsageResult[]> {
    const res = await this.record({ events });
    if (res.status !== 200) throw new Error(`POST /api/consumption answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.results;
  }

  check(body: unknown) {
    return this.send<CheckAnswer>('POST', '/api/consumption/check', JSON.stringify(body), { 'content-type': 'application/json' });
  }

  read(query: Record<string, string>) {
    return this.send<UsageReport>('GET', `/api/consumption?${new URLSearchParams(query)}`);
  }

  /** GET's report, after asserting the answer was 200. */
  async report(query: Record<string, string>): Promise<UsageReport> {
    const res = await this.read(query);
    if (res.status !== 200) throw new Error(`GET /api/consumption answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

/** A usage event of `orgId` with a fresh id (1 api_call now unless `extra` says otherwise). */
export function usageEvent(orgId: string, extra: { id?: string; meter?: string; value?: number; timestamp?: string; user_id?: string } = {}) {
  return { id: randomUUID(), org_id: orgId, meter: METER, value: 1, ...extra };
}

/** What the database holds for one organization's meter: events, their sum, the counters and the hourly totals. */
export async function storedUsage(portalDb: PortalDb, appId: string, orgId: string, meter = METER) {
  return queryPortalDb(portalDb, async (sql) => {
    const [events] = await sql<{ count: string; sum: string | null }[]>`
      select count(*) as count, sum(value) as sum from usage_events where application_id = ${appId} and org_id = ${orgId} and meter = ${meter}`;
    const counters = await sql<{ period_key: string; total: string }[]>`
      select period_key, total from usage_counters where application_id = ${appId} and org_id = ${orgId} and meter = ${meter} order by period_key`;
    const [hourly] = await sql<{ sum: string | null }[]>`
      select sum(value) as sum from usage_hourly where application_id = ${appId} and org_id = ${orgId} and meter = ${meter}`;
    return {
      events: Number(events!.count),
      eventSum: Number(events!.sum ?? 0),
      counters: Object.fromEntries(counters.map((c) => [c.period_key, Number(c.total)])),
      hourlySum: Number(hourly!.sum ?? 0),
    };
  });
}

/** `items` split into batches of at most `size`. */
export function inBatches<T>(items: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
