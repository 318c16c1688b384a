import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FormClient } from './form-client';

const root = path.resolve(import.meta.dirname, '../..');

type Manifest = { node: Record<string, { exportedName?: string; filename?: string }> };

/** The id Next gave a server action in the build the test server runs (its page's JavaScript sends it). */
export function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, '.next/server/server-reference-manifest.json'), 'utf8')) as Manifest;
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === filename && a.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} in ${filename} in the build`);
  return found[0];
}

/** A POST the way the page's JavaScript sends a server action: its arguments as JSON, its id in Next-Action. */
function postAction(browser: FormClient, page: string, id: string, args: unknown[]): Promise<Response> {
  return browser.request(page, {
    method: 'POST',
    body: JSON.stringify(args),
    headers: {
      'next-action': id,
      accept: 'text/x-component',
      'content-type': 'text/plain;charset=UTF-8',
      origin: new URL(browser.baseUrl).origin,
    },
  });
}

/**
 * Calls a server action the way the page's JavaScript does (its arguments as JSON, the action id
 * in the Next-Action header) with `browser`'s cookies, and returns the action's return value.
 */
export async function callAction<T>(browser: FormClient, page: string, id: string, ...args: unknown[]): Promise<T> {
  const res = await postAction(browser, page, id, args);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`Action ${id} on ${page} answered ${res.status}: ${text.slice(0, 300)}`);
  // The flight response: row 0 names the row holding the return value ("a":"$@1").
  const rows = new Map(text.split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]));
  const head = JSON.parse(rows.get('0') ?? '{}') as { a?: unknown };
  if (typeof head.a === 'string' && head.a.startsWith('$@')) return JSON.parse(rows.get(head.a.slice(2))!) as T;
  return head.a as T;
}

/**
 * Calls a server action no form posts and returns the raw answer: a redirect() in the action
 * comes back as x-action-redirect.
 */
export async function callServerAction(browser: FormClient, page: string, id: string, args: unknown[] = []): Promise<{ redirect: string | null; body: string; status: number }> {
  const res = await postAction(browser, page, id, args);
  const redirect = res.headers.get('x-action-redirect');
  return { redirect: redirect ? redirect.split(';')[0]! : null, body: await res.text(), status: res.status };
}
