// A portal without Stripe (manual mode): plans are assigned by hand with the CLI, the webhook is
// off, and tokens carry the features of the plan in effect, the default plan's without one.
import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from './harness/accounts';
import { cli, cliFailure } from './harness/cli';
import { freshPostgresDatabase } from './harness/fresh-postgres';
import { createClient, type PortalDb } from './harness/oidc';
import { startPortal, tempDir, type PortalServer } from './harness/portal-server';
import { signedWebhook, stripeEvent } from './harness/stripe-stand-in';
import { nextAccessClaims } from './harness/token-claims';

// Its own database: a fresh one on PostgreSQL when the suite runs there, else an embedded one.
const fresh = process.env.DATABASE_URL ? freshPostgresDatabase('billing_manual') : null;
const dataDir = tempDir('billing-manual');
const portalDb: PortalDb = fresh ? { databaseUrl: fresh.url } : { dataDir };

const FREE = { export: false, projects: 3 };
const PRO = { export: true, projects: 50 };

let portal: PortalServer;
let app: { app_id: string; key: string };
let client: { client_id: string; client_secret: string };
let orgId: string;
let nextClaims: () => Promise<JWTPayload>;

beforeAll(async () => {
  await fresh?.create();
  portal = await startPortal({
    ...(fresh ? { DATABASE_URL: fresh.url } : { DATABASE_URL: undefined, AUTH_SECRET: undefined, DATA_DIR: dataDir }),
    MAIL_OUTBOX: '1',
    STRIPE_SECRET_KEY: '',
    STRIPE_WEBHOOK_SECRET: '',
    STRIPE_API_BASE: '',
  });
  app = await cli<{ app_id: string; key: string }>(portalDb, 'app', 'create', '--name', `Manual ${randomUUID().slice(0, 8)}`);
  await cli(portalDb, 'plan', 'create', '--app', app.key, '--key', 'free', '--name', 'Free', '--features', JSON.stringify(FREE), '--default');
  await cli(portalDb, 'plan', 'create', '--app', app.key, '--key', 'pro', '--name', 'Pro', '--features', JSON.stringify(PRO));
  client = (await createClient(portalDb, app.app_id, '--scope', 'openid offline_access', '--first-party')) as typeof client;
  const email = `manual-${randomUUID()}@example.com`;
  orgId = (await cli<{ org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD, '--name', 'Manual')).org_id;
  nextClaims = await nextAccessClaims(portal.url, client, email);
});

afterAll(async () => {
  await portal?.stop();
  await fresh?.drop();
});

/** The features in the organization's next access token. */
async function features(): Promise<unknown> {
  const claims = await nextClaims();
  expect(claims.org_id).toBe(orgId);
  return claims.features;
}

describe('billing in manual mode (no Stripe)', () => {
  it('answers the Stripe webhook with 503', async () => {
    const { body, headers } = signedWebhook(stripeEvent('customer.subscription.created', { id: 'sub_1', object: 'subscription' }));
    const res = await fetch(`${portal.url}/api/webhooks/stripe`, { method: 'POST', body, headers });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'billing_disabled', message: expect.any(String) });
  });

  it("gives an organization without a subscription the default plan's features", async () => {
    expect(await features()).toEqual(FREE);
  });

  it('refuses a manual plan that would end in the past', async () => {
    const failed = await cliFailure(portalDb, 'subscription', 'set', '--org', orgId, '--app', app.key, '--plan', 'pro', '--until', '2020-01-01T00:00:00Z');
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/future/i);
    expect(await features()).toEqual(FREE);
  });

  it('puts a plan set by hand in the next token, until a given end', async () => {
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const set = await cli<{ plan: string; status: string; source: string; ends_at: string }>(
      portalDb, 'subscription', 'set', '--org', orgId, '--app', app.key, '--plan', 'pro', '--until', until,
    );
    expect(set).toMatchObject({ plan: 'pro', status: 'active', source: 'manual', ends_at: until });
    expect(await features()).toEqual(PRO);
  });

  it("carries a plan's edited features in the organization's next token (every cached claim is dropped)", async () => {
    const edited = { ...PRO, projects: 500, seats: 10 };
    await cli(portalDb, 'plan', 'update', `${app.key}/pro`, '--features', JSON.stringify(edited));
    expect(await features()).toEqual(edited);
  });

  it('puts the organization back on the default plan when its manual plan is replaced by the free one', async () => {
    await cli(portalDb, 'subscription', 'set', '--org', orgId, '--app', app.key, '--plan', 'free');
    expect(await features()).toEqual(FREE);
  });
});
