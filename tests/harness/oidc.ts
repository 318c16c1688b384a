import { randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import type postgres from 'postgres';
import { createVerifiedAccount, PASSWORD } from './accounts';
import { cli } from './cli';
import { connectToPortalDb } from './db';
import { FormClient } from './form-client';

export type PortalDb = { databaseUrl?: string; dataDir?: string };
export type CreatedClient = { client_id: string; client_secret: string | null };

export const REDIRECT_URI = 'https://rp.example/callback';

/** Runs `query` on a connection of its own to the portal's database, closed afterwards. */
export async function queryPortalDb<T>(portalDb: PortalDb, query: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = connectToPortalDb(portalDb);
  try {
    return await query(sql);
  } finally {
    await sql.end();
  }
}

/** An application of its own for a test file, so its clients never meet another file's. */
export async function createApp(portalDb: PortalDb, label: string): Promise<string> {
  const app = await cli<{ app_id: string }>(portalDb, 'app', 'create', '--name', `${label} ${randomUUID().slice(0, 8)}`);
  return app.app_id;
}

/** `client create` with defaults for a confidential web client; `options` are further CLI flags. */
export async function createClient(portalDb: PortalDb, appId: string, ...options: string[]): Promise<CreatedClient> {
  const hasType = options.includes('--type');
  const hasRedirect = options.includes('--redirect-uri');
  return cli<CreatedClient>(
    portalDb,
    'client', 'create', '--name', 'Test client', '--app', appId,
    ...(hasType ? [] : ['--type', 'confidential']),
    ...(hasRedirect ? [] : ['--redirect-uri', REDIRECT_URI]),
    ...options,
  );
}

/** A verified user owning an organization, made through the sign-up form and the mailed link; returns the email address. */
export async function createUser(portalUrl: string, mailDir: string, label = 'rp'): Promise<string> {
  const email = `${label}-${randomUUID()}@example.com`;
  await createVerifiedAccount(portalUrl, mailDir, { email, name: 'Rita' });
  return email;
}

export async function pkcePair() {
  const verifier = oidc.randomPKCECodeVerifier();
  return { verifier, challenge: await oidc.calculatePKCECodeChallenge(verifier) };
}

/** Authorization Basic for a client (RFC 6749 §2.3.1: each part form-encoded first). */
export function basicAuth(clientId: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString('base64')}`;
}

export type JsonResponse = { status: number; headers: Headers; body: Record<string, unknown> };

/** POSTs a form to a protocol endpoint and reads the JSON answer (an empty body reads as {}). */
export async function postForm(
  url: string,
  params: Record<string, string> | string,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: typeof params === 'string' ? params : new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The authorization URL of `clientId` with PKCE, openid scope and state unless overridden. */
export function authorizeUrl(portalUrl: string, clientId: string, params: Record<string, string>): string {
  const url = new URL('/oauth/authorize', portalUrl);
  const all = { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT_URI, scope: 'openid', ...params };
  for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
  return url.toString();
}

/** What the browser saw on the way through the portal, and where it was sent back to. */
export type Authorization = { callback: URL; sawLogin: boolean; sawConsent: boolean };

/**
 * Drives a browser from an authorization URL through sign-in and consent (answering `consent`)
 * until the portal sends it back to the application.
 */
export async function authorizeInBrowser(
  browser: FormClient,
  url: string,
  email: string,
  consent: 'Allow' | 'Deny' = 'Allow',
): Promise<Authorization> {
  let sawLogin = false;
  let sawConsent = false;
  const landed = await browser.untilRedirectedAway(async () => {
    let page = await browser.get(url);
    if (new URL(page.url).pathname === '/login') {
      sawLogin = true;
      page = await browser.submit(page, 'Sign in', { email, password: PASSWORD });
    }
    if (new URL(page.url).pathname === '/consent') {
      sawConsent = true;
      page = await browser.submit(page, consent);
    }
    throw new Error(`The portal stopped at ${page.url} (status ${page.status})`);
  });
  return { callback: new URL(landed), sawLogin, sawConsent };
}

/** A browser already signed in as `email` (through the sign-in form). */
export async function signedInBrowser(portalUrl: string, email: string): Promise<FormClient> {
  const browser = new FormClient(portalUrl);
  const page = await browser.fill('/login', 'Sign in', { email, password: PASSWORD });
  if (new URL(page.url).pathname === '/login') throw new Error(`Sign-in of ${email} failed`);
  return browser;
}

/** Runs the code flow for a client that authenticates with a secret; returns the token response. */
export async function codeFlowTokens(
  portalUrl: string,
  browser: FormClient,
  client: { client_id: string; client_secret: string },
  email: string,
  scope = 'openid offline_access',
  authorizeParams: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const { verifier, challenge } = await pkcePair();
  const { callback } = await authorizeInBrowser(
    browser,
    authorizeUrl(portalUrl, client.client_id, { scope, code_challenge: challenge, code_challenge_method: 'S256', state: 's', ...authorizeParams }),
    email,
  );
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`No code in ${callback}`);
  const res = await postForm(
    `${portalUrl}/oauth/token`,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
    { authorization: basicAuth(client.client_id, client.client_secret) },
  );
  if (res.status !== 200) throw new Error(`Token request failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
