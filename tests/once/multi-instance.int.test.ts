// Several portal instances on one PostgreSQL behave as one portal: started together on an empty
// database they migrate, create keys and purge once; a session, a lockout, a change of roles and
// a rotated refresh token made on one are seen on another. Counters live in PostgreSQL for one
// pair of instances and in Redis (REDIS_URL) for the other.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEmail, PASSWORD, SESSION_COOKIE, signIn, uniqueIp } from '../harness/accounts';
import { AdminApi } from '../harness/admin-api';
import { cli } from '../harness/cli';
import { connectToPortalDb } from '../harness/db';
import { fieldError, FormClient, textOf } from '../harness/form-client';
import { freshPostgresDatabase } from '../harness/fresh-postgres';
import { basicAuth, codeFlowTokens, createApp, createClient, postForm, signedInBrowser } from '../harness/oidc';
import { startPortal, type PortalServer } from '../harness/portal-server';

const REDIS_URL = 'redis://127.0.0.1:6379';
const TOO_MANY = /Too many attempts\. Please wait \d+ (seconds|minutes) and try again\./;
const WRONG = 'Email or password is incorrect.';
const ACCOUNT_LIMIT = 10; // LIMITS.signInAccount in lib/auth/rate-limit.ts

const fresh = freshPostgresDatabase('scaleout_multi');
const portalDb = { databaseUrl: fresh.url };
const sql = connectToPortalDb(portalDb);
const redis = new Redis(REDIS_URL, { lazyConnect: true });

let a: PortalServer;
let b: PortalServer;
let aRedis: PortalServer;
let bRedis: PortalServer;
const started: PortalServer[] = [];

type SecretClient = { client_id: string; client_secret: string };
let client: SecretClient;
let owner: { orgId: string; api: AdminApi };
let member: { email: string; userId: string };
let editorRoleId: string;
/** Accounts of their own for the session and lockout tests. */
const accounts = { session: newEmail('session'), lockoutPg: newEmail('lockout-pg'), lockoutRedis: newEmail('lockout-redis') };

const createUser = (email: string, ...more: string[]) =>
  cli<{ user_id: string; org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD, ...more);

/** What the tests need, made through the CLI, which migrates the empty database itself if it comes first. */
async function createFixtures() {
  const ownerEmail = newEmail('owner');
  const [appId, madeOwner] = await Promise.all([createApp(portalDb, 'Scale out'), createUser(ownerEmail)]);
  const memberEmail = newEmail('member');
  const [madeClient, editor, madeMember] = await Promise.all([
    createClient(portalDb, appId, '--scope', 'openid offline_access', '--first-party'),
    cli<{ role_id: string }>(portalDb, 'role', 'create', '--org', madeOwner.org_id, '--app', appId, '--name', 'editor', '--permission', 'projects.board.write'),
    createUser(memberEmail, '--org', madeOwner.org_id, '--role', 'user'),
    ...Object.values(accounts).map((email) => createUser(email)),
  ]);
  client = madeClient as SecretClient;
  editorRoleId = editor.role_id;
  member = { email: memberEmail, userId: madeMember.user_id };
  return { ownerEmail, orgId: madeOwner.org_id };
}

beforeAll(async () => {
  await fresh.create();
  // All four at once on the empty database, and the CLI beside them: the start-up work must not
  // race (db/advisory-lock.ts).
  const start = async (env: Record<string, string>) => {
    const portal = await startPortal({ DATABASE_URL: fresh.url, MAIL_OUTBOX: '1', ...env });
    started.push(portal);
    return portal;
  };
  const fixtures = createFixtures();
  [a, b, aRedis, bRedis] = await Promise.all([start({}), start({}), start({ REDIS_URL }), start({ REDIS_URL })]);
  const { ownerEmail, orgId } = await fixtures;
  const signedIn = new FormClient(a.url);
  await signIn(signedIn, ownerEmail);
  owner = { orgId, api: new AdminApi(a.url, { cookie: `${SESSION_COOKIE}=${signedIn.cookies.get(SESSION_COOKIE)}` }) };
}, 180_000);

afterAll(async () => {
  await Promise.all(started.map((portal) => portal.stop()));
  await sql.end();
  redis.disconnect();
  await fresh.drop();
});

async function refresh(portal: PortalServer, refreshToken: string) {
  return postForm(
    `${portal.url}/oauth/token`,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    { authorization: basicAuth(client.client_id, client.client_secret) },
  );
}

describe('instances started together on an empty database', () => {
  it('apply each migration once, create one signing key per algorithm and publish the same JWKS', async () => {
    const journal = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../db/migrations/meta/_journal.json'), 'utf8'));
    const [applied] = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(applied!.n).toBe(journal.entries.length);
    const keys = await sql`select alg, count(*)::int as n from signing_keys group by alg order by alg`;
    expect(keys.map((k) => [k.alg, k.n])).toEqual([['ES256', 1], ['EdDSA', 1], ['RS256', 1]]);
    const kids = await Promise.all(started.map(async (portal) => {
      const jwks = (await (await fetch(`${portal.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      return jwks.keys.map((k) => k.kid).sort();
    }));
    for (const published of kids) expect(published).toEqual(kids[0]);
  });

  it('purge expired rows once between them, not once each', async () => {
    // Every instance tries the purge at start-up and before it says it is ready; one gets to do it.
    const purges = await sql`select actor_kind, detail from audit_log where event = 'system.expired_rows_purged'`;
    expect(purges).toHaveLength(1);
    expect(purges[0]!.actor_kind).toBeNull();
    expect(purges[0]!.detail.instance).toMatch(/:\d+$/);
  });
});

describe('one portal across instances', () => {
  it('a session made on one instance opens the account on the other, and signing out there ends it on both', async () => {
    const email = accounts.session;
    const onA = new FormClient(a.url);
    expect((await signIn(onA, email)).url).toBe(`${a.url}/account`);
    const cookie = onA.cookies.get(SESSION_COOKIE)!;

    const onB = new FormClient(b.url);
    onB.cookies.set(SESSION_COOKIE, cookie);
    const account = await onB.get('/account');
    expect(account.url).toBe(`${b.url}/account`);
    expect(textOf(account)).toContain(`Signed in as ${email}`);

    expect((await onB.submit(account, 'Sign out')).url).toBe(`${b.url}/login?signedOut=1`);
    expect((await onA.get('/account')).url).toBe(`${a.url}/login?callbackUrl=%2Faccount`);
  });

  it('a role given through the admin API of one instance is in the next token from the other', async () => {
    const browser = await signedInBrowser(a.url, member.email);
    const tokens = await codeFlowTokens(a.url, browser, client, member.email);
    // The other instance computes (and caches) the claims before the change.
    const before = await refresh(b, tokens.refresh_token as string);
    expect(before.status).toBe(200);
    expect(decodeJwt(before.body.access_token as string)).toMatchObject({ roles: ['user'], permissions: [] });

    const change = await owner.api.patch(`/organizations/${owner.orgId}/members/${member.userId}`, { appRoleIds: [editorRoleId] });
    expect(change.status).toBe(200);
    const after = await refresh(b, before.body.refresh_token as string);
    expect(after.status).toBe(200);
    expect(decodeJwt(after.body.access_token as string)).toMatchObject({ roles: ['editor', 'user'], permissions: ['projects.board.write'] });
  });

  it('a refresh token rotated on one instance is refused as reused on the other, and its family ends', async () => {
    const browser = await signedInBrowser(b.url, member.email);
    const tokens = await codeFlowTokens(b.url, browser, client, member.email);
    const rotated = await refresh(a, tokens.refresh_token as string);
    expect(rotated.status).toBe(200);

    const reused = await refresh(b, tokens.refresh_token as string);
    expect({ status: reused.status, error: reused.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    const successor = await refresh(a, rotated.body.refresh_token as string);
    expect({ status: successor.status, error: successor.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
  });
});

/**
 * Half the allowed wrong passwords on each instance of a pair: each answers "incorrect", and then
 * the account is locked on both, even for the right password.
 */
async function lockOutAcross(first: PortalServer, second: PortalServer, email: string) {
  for (let i = 0; i < ACCOUNT_LIMIT; i++) {
    const portal = i % 2 === 0 ? first : second;
    const page = await signIn(new FormClient(portal.url, uniqueIp()), email, `Wrong-Guess-${i}-xyz`);
    expect({ attempt: i + 1, error: fieldError(page, 'password') }).toEqual({ attempt: i + 1, error: WRONG });
  }
  for (const portal of [first, second]) {
    const owner = new FormClient(portal.url, uniqueIp());
    expect(textOf(await signIn(owner, email))).toMatch(TOO_MANY);
    expect(owner.cookies.has(SESSION_COOKIE)).toBe(false);
  }
  const [sessions] = await sql`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.email = ${email}`;
  expect(sessions!.n).toBe(0);
}

describe('sign-in lockout counted across instances', () => {
  it('with the counters in PostgreSQL', async () => {
    const email = accounts.lockoutPg;
    await lockOutAcross(a, b, email);
    const [counted] = await sql`select points from rate_limits where key = ${`rl:signInAccount:${email}`}`;
    expect(counted?.points).toBeGreaterThan(ACCOUNT_LIMIT);
  });

  it('with the counters in Redis (REDIS_URL), and none in PostgreSQL', async () => {
    const email = accounts.lockoutRedis;
    await lockOutAcross(aRedis, bRedis, email);
    await redis.connect();
    expect(Number(await redis.get(`rl:signInAccount:${email}`))).toBeGreaterThan(ACCOUNT_LIMIT);
    const [inPostgres] = await sql`select count(*)::int as n from rate_limits where key like ${`%${email}`}`;
    expect(inPostgres!.n).toBe(0);
  });
});
