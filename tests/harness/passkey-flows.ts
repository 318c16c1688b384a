import type { Sql } from 'postgres';
import { newEmail, PASSWORD, SESSION_COOKIE, sha256, signIn } from './accounts';
import { cli } from './cli';
import { FormClient } from './form-client';
import { actionId, callAction } from './server-actions';
import { SoftPasskey } from './soft-authenticator';

const SECURITY = 'app/account/security/actions.ts';
type RegistrationOptions = { challenge: string; rp: { id?: string }; user: { id: string } };
type PortalDb = { databaseUrl?: string; dataDir?: string };

/** A verified user (made with the CLI) with their own organization, signed in with the password form (amr ["pwd"]). */
export async function passwordSession(portalUrl: string, portalDb: PortalDb, label: string) {
  const email = newEmail(label);
  const made = await cli<{ user_id: string; org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD);
  const browser = new FormClient(portalUrl);
  const landed = await signIn(browser, email);
  if (new URL(landed.url).pathname !== '/account') throw new Error(`Sign-in of ${email} ended on ${landed.url}`);
  return { email, userId: made.user_id, orgId: made.org_id, browser };
}

/** Registers a software passkey from the security page, as its "Add a passkey" button does (a fresh sign-in counts as re-authentication). */
export async function addPasskey(portalUrl: string, browser: FormClient, name = 'Test key'): Promise<SoftPasskey> {
  const key = new SoftPasskey(portalUrl);
  const options = await callAction<RegistrationOptions>(browser, '/account/security', actionId(SECURITY, 'passkeyRegistrationOptionsAction'));
  const done = await callAction<{ ok: boolean; error?: string }>(
    browser, '/account/security', actionId(SECURITY, 'registerPasskeyAction'), key.register(options), name,
  );
  if (!done.ok) throw new Error(`Passkey registration failed: ${done.error}`);
  return key;
}

/** The `amr` of the browser's session row, or null without one. */
export async function sessionAmr(sql: Sql, browser: FormClient): Promise<string[] | null> {
  const [row] = await sql`select amr from sessions where session_token = ${sha256(browser.cookies.get(SESSION_COOKIE) ?? '')}`;
  return (row?.amr as string[] | undefined) ?? null;
}
