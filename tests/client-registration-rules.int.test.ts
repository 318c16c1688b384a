import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLIENT_OPTIONS } from '@/bin/commands/client-options';
import { signedInPerson, type Person } from './harness/admin-api';
import { cliFailure } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { createApp } from './harness/oidc';

// The CLI and the admin API register clients by one rule set: the same registration is refused
// by both, with the same message, and neither stores anything.
const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

type Registration = Record<string, string | boolean | number | string[] | object>;

/** The `client create` option that sets a field of the admin API's body. */
const optionOf = (field: string) => `--${(CLIENT_OPTIONS as Record<string, string>)[field]}`;

/** The same registration as `client create` options. */
function asOptions(registration: Registration): string[] {
  return Object.entries(registration).flatMap(([field, value]) => {
    const option = optionOf(field);
    if (Array.isArray(value)) return value.flatMap((v) => [option, v]);
    if (typeof value === 'object') return [option, JSON.stringify(value)];
    return [option, String(value)];
  });
}

/** A message naming other fields as `{field}`, in an entry point's words for them. */
const render = (message: string, nameOf: (field: string) => string) => message.replace(/\{(\w+)\}/g, (_, field: string) => nameOf(field));

const SAFE_URI = 'https://app.example.com/cb';
const machine = { type: 'confidential', grantTypes: ['client_credentials'] };

let platform: Person;
let appId: string;
beforeAll(async () => {
  [platform, appId] = await Promise.all([
    signedInPerson(portalUrl, portalDb, 'registration-rules', { platformAdmin: true }),
    createApp(portalDb, 'Registration rules'),
  ]);
});

async function storedClients(): Promise<number> {
  const [row] = await sql`select count(*)::int as n from oauth_clients where application_id = ${appId}`;
  return row!.n as number;
}

/** Field rules: the API answers 422 with that one field's message; the CLI prints it after the field's option. */
const FIELD_REFUSALS: { rule: string; registration: () => Registration; field: string; message: string }[] = [
  { rule: 'needs a name', registration: () => ({ name: '  ', type: 'public', redirectUris: [SAFE_URI] }), field: 'name', message: 'Enter a name.' },
  {
    rule: 'needs safe redirect URIs',
    registration: () => ({ type: 'public', redirectUris: ['javascript:alert(1)'] }),
    field: 'redirectUris.0',
    message: 'Use https, http on a loopback address, or a reverse-DNS private-use scheme such as com.example.app:/callback.',
  },
  {
    rule: 'needs safe post-logout redirect URIs',
    registration: () => ({ type: 'public', redirectUris: [SAFE_URI], postLogoutRedirectUris: ['https://evil@app.example.com/'] }),
    field: 'postLogoutRedirectUris.0',
    message: 'Must not contain a user name or password (userinfo).',
  },
  {
    rule: 'takes only the supported grants',
    registration: () => ({ type: 'confidential', redirectUris: [SAFE_URI], grantTypes: ['password'] }),
    field: 'grantTypes.0',
    message: 'Invalid option: expected one of "authorization_code"|"refresh_token"|"client_credentials"',
  },
  {
    rule: 'takes only valid scope tokens',
    registration: () => ({ ...machine, scopes: ['reports"read'] }),
    field: 'scopes.0',
    message: 'Not a valid scope.',
  },
  {
    rule: 'gives client_credentials to confidential clients only',
    registration: () => ({ type: 'public', grantTypes: ['client_credentials'] }),
    field: 'grantTypes',
    message: 'client_credentials needs a confidential client.',
  },
  {
    rule: 'needs a redirect URI for authorization_code',
    registration: () => ({ type: 'confidential', grantTypes: ['authorization_code', 'refresh_token'] }),
    field: 'redirectUris',
    message: 'authorization_code needs at least one redirect URI.',
  },
  {
    rule: 'gives a public client no credentials',
    registration: () => ({ type: 'public', redirectUris: [SAFE_URI], tokenEndpointAuthMethod: 'client_secret_basic' }),
    field: 'tokenEndpointAuthMethod',
    message: 'A public client has no credentials: none.',
  },
  {
    rule: 'gives a confidential client credentials',
    registration: () => ({ type: 'confidential', redirectUris: [SAFE_URI], tokenEndpointAuthMethod: 'none' }),
    field: 'tokenEndpointAuthMethod',
    message: 'A confidential client needs a secret or private_key_jwt.',
  },
  {
    rule: 'needs a key set with private_key_jwt',
    registration: () => ({ ...machine, tokenEndpointAuthMethod: 'private_key_jwt' }),
    field: 'jwks',
    message: 'private_key_jwt needs {jwks}.',
  },
  {
    rule: 'gives admin scopes to no public client',
    registration: () => ({ type: 'public', redirectUris: [SAFE_URI], scopes: ['openid', 'admin:read'] }),
    field: 'scopes',
    message: 'Admin scopes are for confidential clients with the client_credentials grant.',
  },
  {
    rule: 'gives admin scopes only with client_credentials',
    registration: () => ({ type: 'confidential', redirectUris: [SAFE_URI], scopes: ['admin:write'] }),
    field: 'scopes',
    message: 'Admin scopes are for confidential clients with the client_credentials grant.',
  },
  {
    rule: 'takes adminOrgId only with admin scopes',
    registration: () => ({ ...machine, scopes: ['reports:read'], adminOrgId: platform.orgId }),
    field: 'adminOrgId',
    message: 'only applies to a client with admin:read or admin:write',
  },
  {
    rule: 'keeps access tokens to at most 15 minutes',
    registration: () => ({ ...machine, accessTokenTtl: 3600 }),
    field: 'accessTokenTtl',
    message: 'must be at most 900 seconds',
  },
  {
    rule: 'keeps the refresh token idle lifetime within its absolute one',
    registration: () => ({ ...machine, refreshTokenIdleTtl: 86400, refreshTokenAbsoluteTtl: 3600 }),
    field: 'refreshTokenIdleTtl',
    message: 'must not exceed {refreshTokenAbsoluteTtl}',
  },
];

describe('client registration, alike through the CLI and the admin API (same refusal, same message, nothing stored),', () => {
  it.each(FIELD_REFUSALS.map((refusal) => [refusal.rule, refusal] as const))('%s', async (_rule, { registration, field, message }) => {
    const body = { name: 'Refused', ...registration() };
    const [api, cli] = await Promise.all([
      platform.api.post<{ error: string; details: Record<string, string[]> }>(`/applications/${appId}/clients`, body),
      cliFailure(portalDb, 'client', 'create', '--app', appId, ...asOptions(body)),
    ]);
    expect(api.status).toBe(422);
    expect(api.body.error).toBe('validation_failed');
    expect(api.body.details).toEqual({ [field]: [render(message, (f) => f)] });
    expect(cli).toEqual({ code: 2, stderr: `${optionOf(field.split('.')[0]!)}: ${render(message, optionOf)}` });
    expect(await storedClients()).toBe(0);
  }, 120_000);

  it('binds an admin client only to an organization that exists', async () => {
    const body = { name: 'Refused', ...machine, scopes: ['admin:read'], adminOrgId: 'no-such-organization' };
    const [api, cli] = await Promise.all([
      platform.api.post<{ error: string; message: string }>(`/applications/${appId}/clients`, body),
      cliFailure(portalDb, 'client', 'create', '--app', appId, ...asOptions(body)),
    ]);
    const message = 'The organization the admin client is bound to does not exist.';
    expect(api.status).toBe(422);
    expect(api.body).toEqual({ error: 'unprocessable', message });
    expect(cli).toEqual({ code: 2, stderr: message });
    expect(await storedClients()).toBe(0);
  }, 120_000);
});
