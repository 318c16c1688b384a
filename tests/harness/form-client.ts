import { parse, type HTMLElement } from 'node-html-parser';

export type Page = { status: number; url: string; headers: Headers; html: string; doc: HTMLElement };

/** Where a redirect led off the portal (to an application's redirect URI): not followed. */
export class LeftPortal extends Error {
  constructor(readonly location: string) {
    super(`Redirected off the portal to ${location}`);
  }
}

/**
 * Drives the portal the way a browser without JavaScript does: GET pages, submit their forms
 * (server actions post as multipart forms), keep cookies, follow redirects.
 */
export class FormClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    /** The client address the server sees (it runs with TRUST_PROXY in tests). */
    readonly ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { 'x-forwarded-for': this.ip, 'user-agent': 'FormClient/1.0 (tests)', ...(cookie ? { cookie } : {}), ...extra };
  }

  private keepCookies(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request, no redirect following. */
  async request(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(pathOrUrl, this.baseUrl);
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: this.headers((init.headers as Record<string, string>) ?? {}),
    });
    this.keepCookies(res);
    return res;
  }

  private async toPage(res: Response, url: string): Promise<Page> {
    const html = await res.text();
    return { status: res.status, url, headers: res.headers, html, doc: parse(html) };
  }

  /** GET, following redirects like a browser. */
  async get(pathOrUrl: string): Promise<Page> {
    let url = new URL(pathOrUrl, this.baseUrl).toString();
    for (let hops = 0; hops < 10; hops++) {
      if (new URL(url).origin !== new URL(this.baseUrl).origin) throw new LeftPortal(url);
      const res = await this.request(url);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        url = new URL(location, url).toString();
        continue;
      }
      return this.toPage(res, url);
    }
    throw new Error(`Too many redirects from ${pathOrUrl}`);
  }

  /**
   * Submits the form of `page` that contains a submit button named `button`, with `values` for its
   * fields (hidden fields, such as Next's action ids, are sent as the page gave them).
   */
  async submit(page: Page, button: string, values: Record<string, string> = {}): Promise<Page> {
    const form = page.doc
      .querySelectorAll('form')
      .find((f) => f.querySelectorAll('button').some((b) => b.text.trim() === button));
    if (!form) throw new Error(`No form with a "${button}" button on ${page.url}`);
    const body = new FormData();
    for (const input of form.querySelectorAll('input')) {
      const name = input.getAttribute('name');
      if (!name || name in values) continue;
      // Like a browser: unchecked boxes and radios are not sent; a checked one without a value sends "on".
      const type = input.getAttribute('type')?.toLowerCase();
      if ((type === 'checkbox' || type === 'radio') && !input.hasAttribute('checked')) continue;
      body.append(name, input.getAttribute('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''));
    }
    for (const [k, v] of Object.entries(values)) body.append(k, v);
    const action = new URL(form.getAttribute('action') || page.url, page.url).toString();
    const res = await this.request(action, { method: 'POST', body, headers: { origin: new URL(this.baseUrl).origin } });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      return this.get(new URL(location, action).toString());
    }
    return this.toPage(res, action);
  }

  /** Follows the browser through the portal until it is sent off to an application; returns that URL. */
  async untilRedirectedAway(action: () => Promise<unknown>): Promise<string> {
    try {
      await action();
    } catch (err) {
      if (err instanceof LeftPortal) return err.location;
      throw err;
    }
    throw new Error('The portal did not redirect to the application');
  }

  /** Loads `path` and submits its form in one step. */
  async fill(path: string, button: string, values: Record<string, string>): Promise<Page> {
    return this.submit(await this.get(path), button, values);
  }
}

/** The visible text of an element, whitespace collapsed (for asserting messages). */
export function textOf(page: Page, selector = 'main'): string {
  return (page.doc.querySelector(selector)?.text ?? '').replace(/\s+/g, ' ').trim();
}

/** The error shown beside a field (TextField renders it as #field-<name>-error). */
export function fieldError(page: Page, field: string): string | null {
  return page.doc.querySelector(`#field-${field}-error`)?.text.trim() ?? null;
}
