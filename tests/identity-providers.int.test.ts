// The registry of upstream identity providers (issue #16), through the CLI and the admin API: each
// type is added with its rules on the issuer and the name; the redirect URI to register names the
// provider; the client secret is sealed in the database and never shown again, nor audited; only
// platform actors may read or change the registry.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSecret } from '@/lib/oidc/secret-box';
import { AdminApi, adminClientToken, signedInPerson, type Person } from './harness/admin-api';
import { cli, cliFailure } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { TEST_AUTH_SECRET } from './harness/portal-server';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);

type Provider = { id: string; type: string; name: string; issuer: string | null; clientId: string; createdAt: string; redirectUri: string };
type CliAdded = { idp_id: string; redirect_uri: string; type: string; name: string };
type Refusal = { error: string; message: string; details: Record<string, string[]> };

let platform: Person;
beforeAll(async () => {
  platform = await signedInPerson(portalUrl, portalDb, 'idp-platform', { platformAdmin: true });
}, 60_000);

// The registry is the shared portal's, and other files (federation) register providers of their
// own meanwhile (and organizations their own IdPs): remove only this file's (platform ones with client
// ids x, cli-*, api-*), and count only those.
const MINE = sql`org_id is null and (client_id = 'x' or client_id like 'cli-%' or client_id like 'api-%')`;
afterAll(async () => {
  const rows = await sql<{ id: string }[]>`select id from identity_providers where ${MINE}`;
  for (const p of rows) await platform.api.delete(`/identity-providers/${p.id}`);
  await sql.end();
});

const newSecret = () => `idp-secret-${randomUUID()}`;
const callbackOf = (id: string) => `${new URL(portalUrl).origin}/api/auth/callback/${id}`;
const rowOf = async (id: string) => (await sql`select * from identity_providers where id = ${id}`)[0];
const providerCount = async () => (await sql`select count(*)::int as n from identity_providers where client_id = 'x' and org_id is null`)[0]!.n as number;
const auditOf = (event: string, id: string) =>
  sql`select actor_kind, actor_id, detail, detail::text as text from audit_log where event = ${event} and detail->>'identity_provider_id' = ${id}`;

/** The AUTH_SECRET the portal seals with: the harness's on PostgreSQL, the one generated in the data directory on the embedded database. */
function portalAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  return portalDb.dataDir ? readFileSync(path.join(portalDb.dataDir, 'auth-secret'), 'utf8').trim() : TEST_AUTH_SECRET;
}

/** The secret is in the database only sealed (AES-GCM under AUTH_SECRET), and nowhere in its audit entries. */
async function expectSealed(id: string, secret: string) {
  const row = await rowOf(id);
  expect(JSON.stringify(row)).not.toContain(secret);
  expect(row!.client_secret_sealed).toMatch(/^v1\./);
  expect(openSecret(row!.client_secret_sealed as string, portalAuthSecret(), 'identity-provider')).toBe(secret);
  const audit = await sql`select detail::text as text, coalesce(user_agent, '') as ua from audit_log where detail->>'identity_provider_id' = ${id}`;
  expect(audit.length).toBeGreaterThan(0);
  for (const entry of audit) expect(entry.text + entry.ua).not.toContain(secret);
}

describe('adding through the CLI', () => {
  it('adds each type with its default name, prints the redirect URI to register and never the secret; audited as the operator', async () => {
    const cases = [
      { type: 'google', name: 'Google', extra: [] },
      { type: 'github', name: 'GitHub', extra: [] },
      { type: 'microsoft', name: 'Microsoft', extra: ['--issuer', 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0'] },
      { type: 'apple', name: 'Apple', extra: [] },
      { type: 'oidc', name: 'CLI Keycloak', extra: ['--issuer', 'http://localhost:8080/realms/dev', '--name', 'CLI Keycloak'] },
    ];
    for (const c of cases) {
      const secret = newSecret();
      const added = await cli<CliAdded>(portalDb, 'idp', 'add', '--type', c.type, '--client-id', `cli-${c.type}`, '--client-secret', secret, ...c.extra);
      expect(added).toEqual({ idp_id: expect.any(String), redirect_uri: expect.any(String), type: c.type, name: c.name });
      expect(JSON.stringify(added)).not.toContain(secret);
      // The CLI's own PUBLIC_URL (not the test portal's): its origin, then Auth.js's callback path.
      expect(added.redirect_uri).toMatch(new RegExp(`^https?://[^/]+/api/auth/callback/${added.idp_id}$`));
      await expectSealed(added.idp_id, secret);
      const [audit] = await auditOf('platform.identity_provider_added', added.idp_id);
      expect(audit).toMatchObject({ actor_kind: 'operator', detail: { type: c.type, name: c.name, client_id: `cli-${c.type}` } });
    }

    const listed = await cli<{ idp_id: string; name: string; issuer: string | null; redirect_uri: string; client_id: string }[]>(portalDb, 'idp', 'list');
    expect(listed.map((p) => p.name)).toEqual(expect.arrayContaining(cases.map((c) => c.name)));
    expect(listed.find((p) => p.name === 'GitHub')).toMatchObject({ issuer: null, client_id: 'cli-github' });
    expect(JSON.stringify(listed)).not.toMatch(/idp-secret-|v1\./);
  });

  it('refuses bad input with exit code 2, naming the option, and adds nothing', async () => {
    const before = await providerCount();
    const refused: [string[], RegExp][] = [
      [['--type', 'oidc', '--name', 'No issuer'], /^--issuer: An OpenID Connect provider needs its issuer\.$/],
      [['--type', 'oidc', '--name', 'Plain http', '--issuer', 'http://login.example.com'], /^--issuer: Use an https address/],
      [['--type', 'github', '--issuer', 'https://github.com'], /^--issuer: A GitHub provider takes no issuer\.$/],
      [['--type', 'facebook'], /^--type: Use one of google, github, microsoft, apple, oidc\.$/],
      [['--type', 'oidc', '--issuer', 'https://login.example.com'], /^--name: Name the OpenID Connect provider\.$/],
    ];
    for (const [options, message] of refused) {
      const failed = await cliFailure(portalDb, 'idp', 'add', '--client-id', 'x', '--client-secret', 'y', ...options);
      expect(failed, options.join(' ')).toEqual({ code: 2, stderr: expect.stringMatching(message) });
    }
    const emptySecret = await cliFailure(portalDb, 'idp', 'add', '--type', 'google', '--client-id', 'x', '--client-secret', '');
    expect(emptySecret).toEqual({ code: 2, stderr: '--client-secret: Enter the client secret the provider gave you.' });
    expect(await providerCount()).toBe(before);
  });

  it('refuses a name already in use, and removes once', async () => {
    const twice = ['idp', 'add', '--type', 'oidc', '--issuer', 'https://twice.example.com', '--name', 'CLI Twice', '--client-id', 'x', '--client-secret', newSecret()];
    await cli(portalDb, ...twice);
    expect(await cliFailure(portalDb, ...twice)).toEqual({ code: 2, stderr: 'An identity provider named "CLI Twice" already exists.' });

    const added = await cli<CliAdded>(portalDb, 'idp', 'add', '--type', 'oidc', '--issuer', 'https://sso.example.com', '--name', 'CLI short-lived', '--client-id', 'x', '--client-secret', newSecret());
    expect(await cli(portalDb, 'idp', 'remove', added.idp_id)).toEqual({ idp_id: added.idp_id, removed: true });
    expect(await rowOf(added.idp_id)).toBeUndefined();
    expect(await auditOf('platform.identity_provider_removed', added.idp_id)).toEqual([
      expect.objectContaining({ actor_kind: 'operator', detail: { identity_provider_id: added.idp_id, type: 'oidc', name: 'CLI short-lived' } }),
    ]);
    expect(await cliFailure(portalDb, 'idp', 'remove', added.idp_id)).toEqual({ code: 2, stderr: 'Identity provider was not found.' });
  });
});

describe('the admin API', () => {
  it('adds each type (201) with the redirect URI under PUBLIC_URL and without the secret; lists them; audited with the administrator', async () => {
    const cases = [
      { type: 'google', name: 'API Google' },
      { type: 'github', name: 'API GitHub' },
      { type: 'microsoft', name: 'API Microsoft' },
      { type: 'apple', name: 'API Apple' },
      { type: 'oidc', name: 'API Okta', issuer: 'https://example.okta.com' },
    ];
    const ids: string[] = [];
    for (const c of cases) {
      const secret = newSecret();
      const res = await platform.api.post<Provider>('/identity-providers', { ...c, clientId: `api-${c.type}`, clientSecret: secret });
      expect(res.status, c.type).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        type: c.type,
        name: c.name,
        issuer: c.issuer ?? null,
        clientId: `api-${c.type}`,
        createdAt: expect.any(String),
        redirectUri: callbackOf(res.body.id),
      });
      expect(JSON.stringify(res.body)).not.toContain(secret);
      await expectSealed(res.body.id, secret);
      const [audit] = await auditOf('platform.identity_provider_added', res.body.id);
      expect(audit).toMatchObject({ actor_kind: 'user', actor_id: platform.userId, detail: { type: c.type, name: c.name } });
      ids.push(res.body.id);
    }

    const list = await platform.api.get<{ items: Provider[] }>('/identity-providers');
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((p) => ids.includes(p.id));
    expect(mine.map((p) => p.name)).toEqual(cases.map((c) => c.name));
    // Every item, the CLI's too, has the redirect URI under this portal's PUBLIC_URL, and no secret of any kind.
    for (const p of list.body.items) {
      expect(Object.keys(p).sort()).toEqual(['clientId', 'createdAt', 'id', 'issuer', 'name', 'redirectUri', 'type']);
      expect(p.redirectUri).toBe(callbackOf(p.id));
    }
    expect(JSON.stringify(list.body)).not.toMatch(/idp-secret-|v1\./);
  });

  it('refuses invalid bodies with 422 naming each field, and stores nothing', async () => {
    const before = await providerCount();
    const base = { clientId: 'x', clientSecret: 'y' };
    const refused: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ ...base, type: 'oidc', name: 'No issuer' }, { issuer: ['An OpenID Connect provider needs its issuer.'] }],
      [{ ...base, type: 'oidc', name: 'Plain http', issuer: 'http://login.example.com' }, { issuer: [expect.stringMatching(/^Use an https address/)] }],
      [{ ...base, type: 'github', issuer: 'https://github.com' }, { issuer: ['A GitHub provider takes no issuer.'] }],
      [{ ...base, type: 'facebook' }, { type: ['Use one of google, github, microsoft, apple, oidc.'] }],
      [{ ...base, type: 'google', clientSecret: '' }, { clientSecret: ['Enter the client secret the provider gave you.'] }],
      [{ ...base, type: 'oidc', issuer: 'https://login.example.com' }, { name: ['Name the OpenID Connect provider.'] }],
      [{ ...base, type: 'google', name: 'Go\u0000ogle', clientId: 'a\nb' }, { name: ['The name cannot contain control characters.'], clientId: ['The client id cannot contain control characters.'] }],
    ];
    for (const [body, details] of refused) {
      const res = await platform.api.post<Refusal>('/identity-providers', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body).toEqual({ error: 'validation_failed', message: 'Some fields are not valid.', details });
    }
    expect(await providerCount()).toBe(before);
  });

  it('answers 409 for a name already in use', async () => {
    const body = { type: 'oidc', name: 'API Twice', issuer: 'https://twice.example.com', clientId: 'x', clientSecret: newSecret() };
    expect((await platform.api.post('/identity-providers', body)).status).toBe(201);
    const again = await platform.api.post<Refusal>('/identity-providers', body);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: 'conflict', message: 'An identity provider named "API Twice" already exists.' });
    expect((await sql`select count(*)::int as n from identity_providers where name = 'API Twice'`)[0]!.n).toBe(1);
  });

  it('removes a provider (204, audited) and answers 404 the second time', async () => {
    const added = await platform.api.post<Provider>('/identity-providers', { type: 'oidc', name: 'API Short-lived', issuer: 'https://short.example.com', clientId: 'x', clientSecret: newSecret() });
    expect(added.status).toBe(201);
    const removed = await platform.api.delete(`/identity-providers/${added.body.id}`);
    expect(removed.status).toBe(204);
    expect(await rowOf(added.body.id)).toBeUndefined();
    const [audit] = await auditOf('platform.identity_provider_removed', added.body.id);
    expect(audit).toMatchObject({ actor_kind: 'user', actor_id: platform.userId, detail: { identity_provider_id: added.body.id, name: 'API Short-lived' } });
    const again = await platform.api.delete<Refusal>(`/identity-providers/${added.body.id}`);
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ error: 'not_found', message: 'Identity provider was not found.' });
  });

  it('is refused (403) to an organization owner and to an admin client bound to an organization, changing nothing', async () => {
    const owner = await signedInPerson(portalUrl, portalDb, 'idp-owner');
    const { token } = await adminClientToken(portalUrl, portalDb, 'admin:read admin:write', owner.orgId);
    const orgClient = new AdminApi(portalUrl, { bearer: token });
    const existing = (
      await platform.api.post<Provider>('/identity-providers', { type: 'oidc', name: 'API Guarded', issuer: 'https://guarded.example.com', clientId: 'x', clientSecret: newSecret() })
    ).body;
    const before = await providerCount();
    for (const caller of [owner.api, orgClient]) {
      const body = { type: 'oidc', name: `Sneaky ${randomUUID()}`, issuer: 'https://evil.example.com', clientId: 'x', clientSecret: 'y' };
      const answers = [
        await caller.get<Refusal>('/identity-providers'),
        await caller.post<Refusal>('/identity-providers', body),
        await caller.delete<Refusal>(`/identity-providers/${existing.id}`),
      ];
      for (const res of answers) expect(res.body).toMatchObject({ error: 'forbidden' });
      expect(answers.map((r) => r.status)).toEqual([403, 403, 403]);
    }
    expect(await providerCount()).toBe(before);
    expect(await rowOf(existing.id)).toBeDefined();
  });
});
