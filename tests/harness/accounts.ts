import { createHash, randomUUID } from 'node:crypto';
import { FormClient, type Page } from './form-client';
import { linkIn, waitForMail } from './smtp-receiver';

/** Long and uncommon enough for the password policy. */
export const PASSWORD = 'Quiet-Meadow-Lantern-42';

/** The session cookie's name on plain http (https adds the __Secure- prefix). */
export const SESSION_COOKIE = 'authjs.session-token';

/** A fresh address per test, so rate limits and rows of one test never touch another. */
export const newEmail = (label = 'user') => `${label}-${randomUUID()}@example.com`;

/** What the sessions table stores for a cookie value: SHA-256, base64url. */
export const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url');

/** Signs up through the form and returns the verification link that was mailed. */
export async function signUp(
  client: FormClient,
  mailDir: string,
  account: { email: string; password?: string; name?: string },
): Promise<string> {
  const since = Date.now();
  const page = await client.fill('/signup', 'Create account', {
    name: account.name ?? '',
    email: account.email,
    password: account.password ?? PASSWORD,
  });
  if (new URL(page.url).pathname !== '/verify-email') throw new Error(`Sign-up of ${account.email} failed on ${page.url}`);
  return linkIn(await waitForMail(mailDir, account.email, /verify/i, { since }), '/verify-email');
}

/** Opens a mailed verification link and presses its button. */
export async function verify(client: FormClient, link: string): Promise<Page> {
  return client.submit(await client.get(link), 'Verify email');
}

/** A verified account, made through the forms by a client of its own. */
export async function createVerifiedAccount(
  portalUrl: string,
  mailDir: string,
  account: { email: string; password?: string; name?: string },
): Promise<void> {
  const client = new FormClient(portalUrl);
  const page = await verify(client, await signUp(client, mailDir, account));
  if (!page.url.includes('verified=1')) throw new Error(`Verification of ${account.email} failed on ${page.url}`);
}

/** Submits the sign-in form (optionally reached with a callbackUrl) and returns where it landed. */
export async function signIn(client: FormClient, email: string, password = PASSWORD, callbackUrl?: string): Promise<Page> {
  const path = callbackUrl === undefined ? '/login' : `/login?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return client.fill(path, 'Sign in', { email, password });
}

export type Exchange = { method: string; url: string; status: number; location: string | null; setCookies: string[] };

/** A FormClient that remembers every response it got, for asserting redirects and Set-Cookie lines. */
export class RecordingFormClient extends FormClient {
  readonly exchanges: Exchange[] = [];

  override async request(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    const res = await super.request(pathOrUrl, init);
    this.exchanges.push({
      method: init.method ?? 'GET',
      url: new URL(pathOrUrl, this.baseUrl).toString(),
      status: res.status,
      location: res.headers.get('location'),
      setCookies: res.headers.getSetCookie(),
    });
    return res;
  }

  /** The responses to form posts (server actions). */
  posts(): Exchange[] {
    return this.exchanges.filter((e) => e.method === 'POST');
  }
}

/** The organizations listed on /account, with the role shown beside each. */
export function organizationsOn(page: Page): Array<{ name: string; role: string }> {
  return page.doc.querySelectorAll('main li').map((li) => ({
    name: li.querySelector('.truncate')?.text.trim() ?? '',
    role: li.querySelectorAll('span').at(-1)?.text.trim() ?? '',
  }));
}

/**
 * A client address no other test uses, in this run or (on a PostgreSQL database that keeps its rate
 * counters) an earlier one: random in the IPv6 documentation prefix, outside FormClient's own range.
 */
export const uniqueIp = () => `2001:db8::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;
