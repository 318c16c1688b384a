import { randomUUID } from 'node:crypto';
import { PASSWORD, signIn } from './accounts';
import { cli } from './cli';
import { FormClient } from './form-client';
import { basicAuth, createApp, createClient, postForm, type PortalDb } from './oidc';

export type ApiResponse<T = Record<string, unknown>> = { status: number; headers: Headers; body: T };

type Credentials = { cookie: string } | { bearer: string } | null;

/**
 * Talks JSON to /api/admin as one caller: a signed-in person (session cookie, sent with the
 * portal's Origin and a JSON content type, as the portal's own pages would) or a bearer token.
 */
export class AdminApi {
  constructor(
    readonly portalUrl: string,
    readonly credentials: Credentials,
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const auth: Record<string, string> = !this.credentials
      ? {}
      : 'cookie' in this.credentials
        ? { cookie: this.credentials.cookie, origin: new URL(this.portalUrl).origin }
        : { authorization: `Bearer ${this.credentials.bearer}` };
    const json: Record<string, string> = method !== 'GET' ? { 'content-type': 'application/json' } : {};
    const res = await fetch(new URL(`/api/admin${path}`, this.portalUrl), {
      method,
      headers: { ...auth, ...json, ...this.extraHeaders, ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = {};
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Record<string, unknown>>(path: string, body: unknown = {}) {
    return this.request<T>('POST', path, body);
  }
  put<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = Record<string, unknown>>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

export type Person = { email: string; userId: string; orgId: string; api: AdminApi };

/** A verified user made with the CLI (in their own new organization, or in `org` with `role`), signed in. */
export async function signedInPerson(
  portalUrl: string,
  portalDb: PortalDb,
  label: string,
  options: { org?: { id: string; role: 'owner' | 'admin' | 'user' }; platformAdmin?: boolean } = {},
): Promise<Person> {
  const { org } = options;
  const email = `${label}-${randomUUID()}@example.com`;
  const created = await cli<{ user_id: string; org_id: string }>(
    portalDb,
    'user', 'create', '--email', email, '--password', PASSWORD, '--name', label,
    ...(org ? ['--org', org.id, '--role', org.role] : []),
    ...(options.platformAdmin ? ['--platform-admin'] : []),
  );
  const client = new FormClient(portalUrl);
  await signIn(client, email);
  const token = client.cookies.get('authjs.session-token');
  if (!token) throw new Error(`Sign-in of ${email} gave no session cookie`);
  return { email, userId: created.user_id, orgId: created.org_id, api: new AdminApi(portalUrl, { cookie: `authjs.session-token=${token}` }) };
}

/** A client_credentials client with `scopes` (optionally bound to one organization) and a fresh token of it. */
export async function adminClientToken(
  portalUrl: string,
  portalDb: PortalDb,
  scopes: string,
  adminOrgId?: string,
): Promise<{ clientId: string; token: string }> {
  const app = await createApp(portalDb, 'Admin API');
  const client = await createClient(
    portalDb, app, '--grant', 'client_credentials', '--scope', scopes, ...(adminOrgId ? ['--admin-org', adminOrgId] : []),
  );
  const res = await postForm(`${portalUrl}/oauth/token`, { grant_type: 'client_credentials', scope: scopes }, { authorization: basicAuth(client.client_id, client.client_secret!) });
  if (res.status !== 200) throw new Error(`client_credentials failed: ${JSON.stringify(res.body)}`);
  return { clientId: client.client_id, token: res.body.access_token as string };
}
