import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD } from './harness/accounts';
import { cli } from './harness/cli';
import { basicAuth, createClient, queryPortalDb } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

let app: { app_id: string; key: string };
let token: string;
let orgId: string;

beforeAll(async () => {
  app = await cli<{ app_id: string; key: string }>(portalDb, 'app', 'create', '--name', `Meter ${randomUUID().slice(0, 8)}`);
  await cli(portalDb, 'plan', 'create', '--app', app.key, '--key', 'free', '--name', 'Free', '--default');
  await queryPortalDb(portalDb, (sql) => sql`update plans set quotas = ${sql.json({ api_calls: { limit: 10, period: 'month', enforcement: 'hard' } })} where application_id = ${app.app_id}`);
  const client = await createClient(portalDb, app.app_id, '--grant', 'client_credentials', '--scope', 'consumption:write consumption:read');
  orgId = (await cli<{ org_id: string }>(portalDb, 'user', 'create', '--email', `m-${randomUUID()}@example.com`, '--password', PASSWORD, '--name', 'M')).org_id;
  await cli(portalDb, 'subscription', 'set', '--org', orgId, '--app', app.key, '--plan', 'free');
  const res = await fetch(`${portalUrl}/oauth/token`, {
    method: 'POST',
    headers: { authorization: basicAuth(client.client_id, client.client_secret!), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=consumption:write%20consumption:read',
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});

afterAll(() => undefined);

const post = (path: string, body: unknown) =>
  fetch(`${portalUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('consumption smoke', () => {
  it('records, deduplicates and enforces', async () => {
    const first = await post('/api/consumption', { events: [{ id: 'e1', org_id: orgId, meter: 'api_calls', value: 6 }, { id: 'e1', org_id: orgId, meter: 'api_calls', value: 6 }, { id: 'e2', org_id: orgId, meter: 'api_calls', value: 6 }, { id: 'x', org_id: 'nope', meter: 'api_calls', value: 1 }] });
    const body = await first.json();
    console.log(first.status, JSON.stringify(body));
    expect(first.status).toBe(200);
    const check = await post('/api/consumption/check', { org_id: orgId, meter: 'api_calls', value: 4 });
    console.log(check.status, await check.text());
    const read = await fetch(`${portalUrl}/api/consumption?org_id=${orgId}&meter=api_calls`, { headers: { authorization: `Bearer ${token}` } });
    console.log(read.status, await read.text());
    expect(read.status).toBe(200);
  });
});
