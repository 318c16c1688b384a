// Spending a credential (rotating a refresh token, consuming a code) and storing the refresh token
// it buys are one transaction: a failure between them leaves the credential usable, never spent
// without a successor; and of concurrent uses of one credential exactly one still wins. The
// failure is the database's own: a CHECK constraint, added for one grant only, refuses the row of
// the successor (NOT VALID, so the rows already there are not checked).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sha256 } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { FormClient } from './harness/form-client';
import {
  authorizeInBrowser,
  authorizeUrl,
  basicAuth,
  codeFlowTokens,
  createApp,
  createClient,
  createUser,
  pkcePair,
  postForm,
  REDIRECT_URI,
  signedInBrowser,
} from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const mailDir = inject('mailDir');
const TOKEN = `${portalUrl}/oauth/token`;
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

type SecretClient = { client_id: string; client_secret: string };
let web: SecretClient;
let email: string;
let browser: FormClient;

beforeAll(async () => {
  const app = await createApp(portalDb, 'Atomic rotation');
  web = (await createClient(portalDb, app, '--scope', 'openid email offline_access', '--first-party')) as SecretClient;
  email = await createUser(portalUrl, mailDir, 'atomic-rotation');
  browser = await signedInBrowser(portalUrl, email);
});

const asWeb = () => ({ authorization: basicAuth(web.client_id, web.client_secret) });
const refresh = (refreshToken: string) => postForm(TOKEN, { grant_type: 'refresh_token', refresh_token: refreshToken }, asWeb());
const redeem = (code: string, verifier: string) =>
  postForm(TOKEN, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, asWeb());
const introspect = async (token: string) => (await postForm(`${portalUrl}/oauth/introspect`, { token }, asWeb())).body;

async function freshRefreshToken(): Promise<string> {
  const tokens = await codeFlowTokens(portalUrl, browser, web, email, 'openid email offline_access');
  return tokens.refresh_token as string;
}

async function newCode(): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = await pkcePair();
  const { callback } = await authorizeInBrowser(
    browser,
    authorizeUrl(portalUrl, web.client_id, { scope: 'openid offline_access', code_challenge: challenge, code_challenge_method: 'S256', state: 's' }),
    email,
  );
  return { code: callback.searchParams.get('code')!, verifier };
}

async function grantOfRefreshToken(token: string): Promise<string> {
  const [row] = await sql`select grant_id from refresh_tokens where token_hash = ${sha256(token)}`;
  return row!.grant_id as string;
}

async function grantOfCode(code: string): Promise<string> {
  const [row] = await sql`select grant_id from authorization_codes where code_hash = ${sha256(code)}`;
  return row!.grant_id as string;
}

async function refreshTokenRows(grantId: string) {
  return sql`select rotated_at from refresh_tokens where grant_id = ${grantId}`;
}

/** Runs `attempt` while the database refuses every new live refresh token of the grant; the constraint is gone afterwards. */
async function whileSuccessorsRefused<T>(grantId: string, attempt: () => Promise<T>): Promise<T> {
  const name = `refuse_successor_${randomUUID().replaceAll('-', '')}`;
  // DDL takes no bind parameters; the grant id is the database's own value, quoted all the same.
  const grant = `'${grantId.replaceAll("'", "''")}'`;
  await sql.unsafe(`alter table refresh_tokens add constraint ${name} check (grant_id <> ${grant} or rotated_at is not null) not valid`);
  try {
    return await attempt();
  } finally {
    await sql.unsafe(`alter table refresh_tokens drop constraint ${name}`);
  }
}

describe('a failure while issuing leaves the credential usable', () => {
  it('a refresh whose successor cannot be stored leaves the refresh token unrotated and usable', async () => {
    const token = await freshRefreshToken();
    const grantId = await grantOfRefreshToken(token);

    const failed = await whileSuccessorsRefused(grantId, () => refresh(token));
    expect({ status: failed.status, error: failed.body.error }).toEqual({ status: 500, error: 'server_error' });
    // The rotation went back with the failed insert: one row, still live; the grant is not revoked.
    expect(await refreshTokenRows(grantId)).toEqual([{ rotated_at: null }]);
    const [grant] = await sql`select revoked_at from oauth_grants where id = ${grantId}`;
    expect(grant!.revoked_at).toBeNull();

    const retried = await refresh(token);
    expect(retried.status).toBe(200);
    expect(retried.body.refresh_token).toBeTruthy();
    expect((await introspect(retried.body.access_token as string)).active).toBe(true);
    expect((await refresh(retried.body.refresh_token as string)).status).toBe(200);
  });

  it('a code whose refresh token cannot be stored stays unconsumed and can be redeemed', async () => {
    const { code, verifier } = await newCode();
    const grantId = await grantOfCode(code);

    const failed = await whileSuccessorsRefused(grantId, () => redeem(code, verifier));
    expect({ status: failed.status, error: failed.body.error }).toEqual({ status: 500, error: 'server_error' });
    const [row] = await sql`select consumed_at from authorization_codes where code_hash = ${sha256(code)}`;
    expect(row!.consumed_at).toBeNull();
    expect(await refreshTokenRows(grantId)).toEqual([]);

    const retried = await redeem(code, verifier);
    expect(retried.status).toBe(200);
    expect((await introspect(retried.body.access_token as string)).active).toBe(true);
    expect((await refresh(retried.body.refresh_token as string)).status).toBe(200);
  });
});

describe('concurrent uses of one credential', () => {
  it('of five concurrent refreshes with one token exactly one succeeds and stores one successor', async () => {
    const token = await freshRefreshToken();
    const grantId = await grantOfRefreshToken(token);
    const answers = await Promise.all(Array.from({ length: 5 }, () => refresh(token)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400, 400, 400]);
    for (const loser of answers.filter((a) => a.status === 400)) expect(loser.body.error).toBe('invalid_grant');
    // The original, rotated, and the winner's successor; the losers stored nothing.
    const rows = await refreshTokenRows(grantId);
    expect(rows.length).toBe(2);
    expect(rows.filter((r) => r.rotated_at === null).length).toBe(1);
    // The losers presented a rotated token: reuse, which ends the grant (RFC 9700 §4.14.2).
    const winner = answers.find((a) => a.status === 200)!;
    expect((await refresh(winner.body.refresh_token as string)).body.error).toBe('invalid_grant');
  });

  it('of two concurrent redemptions of one code exactly one succeeds', async () => {
    const { code, verifier } = await newCode();
    const grantId = await grantOfCode(code);
    const answers = await Promise.all([redeem(code, verifier), redeem(code, verifier)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    expect(answers.find((a) => a.status === 400)!.body.error).toBe('invalid_grant');
    expect((await refreshTokenRows(grantId)).length).toBe(1);
  });
});
