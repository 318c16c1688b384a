import type { FormClient, Page } from './form-client';

/** The redirects of one sign-in at the upstream, with its own cookies, until it sends the browser back. */
export async function throughUpstream(start: string, portalOrigin: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hops = 0; hops < 10; hops++) {
    if (new URL(url).origin === portalOrigin) return url;
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`The upstream stopped at ${url} (status ${res.status}): ${await res.text()}`);
    await res.body?.cancel();
    url = new URL(location, url).toString();
  }
  throw new Error(`Too many redirects at the upstream from ${start}`);
}

/** Presses "Continue with"/"Link" for `providerId`: the portal's answer (a redirect to the upstream, or an error page). */
export async function startAtPortal(browser: FormClient, providerId: string, fields: Record<string, string> = {}): Promise<Response> {
  const body = new FormData();
  body.append('provider', providerId);
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return browser.request('/login/federated', { method: 'POST', body, headers: { origin: new URL(browser.baseUrl).origin } });
}

/** The callback URL the upstream sends the browser back to (not followed yet). */
export async function callbackFromUpstream(browser: FormClient, providerId: string, fields: Record<string, string> = {}): Promise<string> {
  const started = await startAtPortal(browser, providerId, fields);
  const location = started.headers.get('location');
  if (started.status !== 303 || !location) throw new Error(`The portal did not start the sign-in: ${started.status}`);
  return throughUpstream(new URL(location, browser.baseUrl).toString(), new URL(browser.baseUrl).origin);
}

/** A whole federated sign-in (or link) in the browser: start, the upstream, the callback; the page it ends on. */
export async function federatedSignIn(browser: FormClient, providerId: string, fields: Record<string, string> = {}): Promise<Page> {
  return browser.get(await callbackFromUpstream(browser, providerId, fields));
}
