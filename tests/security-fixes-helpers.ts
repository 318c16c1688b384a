import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FormClient } from './harness/form-client';

const manifestPath = path.resolve(import.meta.dirname, '../.next/server/server-reference-manifest.json');

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

/** The id the built portal gave a server action (a page's script calls it by this id). */
export function serverActionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename === filename && entry.exportedName === exportedName) return id;
  }
  throw new Error(`No server action ${exportedName} in ${filename}`);
}

/**
 * Calls a server action the way a page's JavaScript does (a POST with its id and the arguments as
 * JSON), for actions no form posts. A redirect() in the action comes back as x-action-redirect.
 */
export async function callServerAction(client: FormClient, pagePath: string, actionId: string, args: unknown[] = []): Promise<{ redirect: string | null; body: string; status: number }> {
  const res = await client.request(pagePath, {
    method: 'POST',
    body: JSON.stringify(args),
    headers: { 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: new URL(client.baseUrl).origin },
  });
  const redirect = res.headers.get('x-action-redirect');
  return { redirect: redirect ? redirect.split(';')[0]! : null, body: await res.text(), status: res.status };
}
