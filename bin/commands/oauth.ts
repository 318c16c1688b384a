import { parseArgs } from 'node:util';
import { z } from 'zod';
import { OPERATOR } from '@/lib/domain/actor';
import { DomainError } from '@/lib/domain/errors';
import { findApplication } from '@/lib/oidc/applications';
import { listClients } from '@/lib/oidc/clients';
import { listSigningKeys, rotateSigningKeys } from '@/lib/oidc/keys';
import { createApplicationAs, updateApplicationAs } from '@/lib/platform/applications';
import { clientRegistrationSchema, type ClientField } from '@/lib/platform/client-registration';
import { createApplicationClient, deleteClientAs, disableClientAs, enableClientAs, rotateSecretAs } from '@/lib/platform/clients';
import { listOption, parse, UsageError, type Output } from '../cli-support';
import { CLIENT_OPTIONS } from './client-options';

export async function appCreate(args: string[]): Promise<Output> {
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, key: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const input = parse(
    z.object({
      name: z.string().trim().min(1, 'is required').max(100),
      key: z.string().regex(/^[a-z][a-z0-9_-]{0,47}$/, 'must be lower-case letters, digits, - or _').optional(),
    }),
    values,
  );
  const app = await createApplicationAs(OPERATOR, input);
  return { json: { app_id: app.id, key: app.key }, text: `Created application ${app.key} (${app.id})` };
}

/**
 * `app update APP [--name N] [--resource URI]... [--no-resources]`: --resource replaces the
 * application's resource servers (RFC 8707) with those given; --no-resources removes them all.
 */
export async function appUpdate(args: string[]): Promise<Output> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      resource: { type: 'string', multiple: true },
      'no-resources': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const input = parse(
    z
      .object({
        name: z.string().trim().min(1, 'is required').max(100).optional(),
        resource: z.array(z.string().min(1, 'must not be empty')).optional(),
        'no-resources': z.boolean().default(false),
      })
      .refine((v) => !(v.resource && v['no-resources']), { message: 'cannot be combined with --resource', path: ['no-resources'] })
      .refine((v) => v.name !== undefined || v.resource || v['no-resources'], {
        message: 'give --name, --resource URI (repeatable) or --no-resources',
        path: ['resource'],
      }),
    values,
  );
  const [ref, extra] = positionals;
  if (!ref || extra !== undefined) throw new UsageError('Name one application by key or id: app update APP [options]');
  const app = await findApplication(ref);
  if (!app) throw new UsageError(`No application with id or key "${ref}"`);
  const resources = input['no-resources'] ? [] : input.resource;
  let updated;
  try {
    updated = await updateApplicationAs(OPERATOR, app.id, { name: input.name, resources });
  } catch (err) {
    if (err instanceof DomainError) throw new UsageError(`${resources ? '--resource: ' : ''}${err.message}`);
    throw err;
  }
  const list = updated.resources.length ? updated.resources.join(', ') : 'none';
  return {
    json: { app_id: updated.id, key: updated.key, name: updated.name, resources: updated.resources },
    text: `Updated application ${updated.key} (${updated.id}); resources: ${list}`,
  };
}

const optionOf = (field: string) => CLIENT_OPTIONS[field as ClientField] ?? field;

// The rules every entry point registers clients by; messages name the other fields by their options.
const clientRegistration = clientRegistrationSchema((field) => `--${CLIENT_OPTIONS[field]}`);

/** Seconds as given; the schema refuses what is not a whole number in bounds. */
const secondsOption = (value: string | undefined) => (value === undefined ? undefined : Number(value));

function parseJwks(raw: string | undefined) {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { keys?: unknown };
    if (Array.isArray(parsed.keys)) return { keys: parsed.keys as Record<string, unknown>[] };
  } catch {
    // fall through
  }
  throw new UsageError('--jwks: must be a JSON Web Key Set ({"keys": [...]})');
}

export async function clientCreate(args: string[]): Promise<Output> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      app: { type: 'string' },
      type: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-redirect-uri': { type: 'string', multiple: true },
      grant: { type: 'string', multiple: true },
      scope: { type: 'string', multiple: true },
      'first-party': { type: 'boolean' },
      'id-token-alg': { type: 'string' },
      'auth-method': { type: 'string' },
      jwks: { type: 'string' },
      'access-token-ttl': { type: 'string' },
      'refresh-idle-ttl': { type: 'string' },
      'refresh-absolute-ttl': { type: 'string' },
      'admin-org': { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const input = parse(
    clientRegistration,
    {
      name: values.name,
      type: values.type,
      redirectUris: values['redirect-uri'],
      postLogoutRedirectUris: values['post-logout-redirect-uri'],
      grantTypes: listOption(values.grant),
      scopes: listOption(values.scope),
      firstParty: values['first-party'],
      idTokenAlg: values['id-token-alg'],
      tokenEndpointAuthMethod: values['auth-method'],
      jwks: parseJwks(values.jwks),
      accessTokenTtl: secondsOption(values['access-token-ttl']),
      refreshTokenIdleTtl: secondsOption(values['refresh-idle-ttl']),
      refreshTokenAbsoluteTtl: secondsOption(values['refresh-absolute-ttl']),
      adminOrgId: values['admin-org'],
    },
    optionOf,
  );
  if (!values.app) throw new UsageError('--app: is required');
  const app = await findApplication(values.app);
  if (!app) throw new UsageError(`--app: no application with id or key "${values.app}"`);
  const created = await createApplicationClient(OPERATOR, app.id, input);
  return {
    json: { client_id: created.clientId, client_secret: created.clientSecret },
    text: `Created client ${created.clientId}${created.clientSecret ? `\nSecret (shown once): ${created.clientSecret}` : ''}`,
  };
}

export async function clientList(): Promise<Output> {
  const rows = await listClients();
  const json = rows.map((c) => ({
    client_id: c.clientId,
    name: c.name,
    type: c.type,
    application: c.application,
    redirect_uris: c.redirectUris,
    grant_types: c.grantTypes,
    scopes: c.scopes,
    disabled_at: c.disabledAt?.toISOString() ?? null,
    created_at: c.createdAt.toISOString(),
  }));
  const text = rows.length
    ? rows.map((c) => `${c.clientId}  ${c.type.padEnd(12)} ${c.application}  ${c.name}${c.disabledAt ? '  (disabled)' : ''}`).join('\n')
    : 'No clients yet.';
  return { json, text };
}

export async function clientRotateSecret(args: string[]): Promise<Output> {
  const { positionals, values } = parseArgs({
    args,
    options: { 'grace-seconds': { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const clientId = positionals[0];
  if (!clientId) throw new UsageError('Usage: client rotate-secret CLIENT_ID [--grace-seconds N]');
  const grace = values['grace-seconds'] === undefined ? undefined : parse(z.coerce.number().int().min(0).max(30 * 86400), values['grace-seconds']);
  const r = await rotateSecretAs(OPERATOR, clientId, grace);
  return {
    json: { client_id: r.clientId, client_secret: r.clientSecret, previous_secret_expires_at: r.previousSecretExpiresAt.toISOString() },
    text: `New secret (shown once): ${r.clientSecret}\nThe previous secret works until ${r.previousSecretExpiresAt.toISOString()}.`,
  };
}

/** The one CLIENT_ID a command acts on. */
function oneClientId(args: string[], usage: string): string {
  const { positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const [clientId, extra] = positionals;
  if (!clientId || extra !== undefined) throw new UsageError(`Usage: ${usage}`);
  return clientId;
}

/** `client delete CLIENT_ID`: its grants, refresh tokens and consents go with it (audited). */
export async function clientDelete(args: string[]): Promise<Output> {
  const clientId = oneClientId(args, 'client delete CLIENT_ID');
  await deleteClientAs(OPERATOR, clientId);
  return { json: { client_id: clientId, deleted: true }, text: `Deleted client ${clientId}.` };
}

/** `client disable CLIENT_ID`: refused everywhere as an unknown client; its grants end now (audited). */
export async function clientDisable(args: string[]): Promise<Output> {
  const clientId = oneClientId(args, 'client disable CLIENT_ID');
  const client = await disableClientAs(OPERATOR, clientId);
  return {
    json: { client_id: clientId, disabled_at: client.disabledAt?.toISOString() ?? null },
    text: `Disabled client ${clientId} since ${client.disabledAt?.toISOString()}; its grants have ended.`,
  };
}

/** `client enable CLIENT_ID`: a disabled client works again; its ended grants stay ended (audited). */
export async function clientEnable(args: string[]): Promise<Output> {
  const clientId = oneClientId(args, 'client enable CLIENT_ID');
  await enableClientAs(OPERATOR, clientId);
  return { json: { client_id: clientId, disabled_at: null }, text: `Enabled client ${clientId}.` };
}

export async function keysList(): Promise<Output> {
  const rows = await listSigningKeys();
  const now = Date.now();
  const state = (k: (typeof rows)[number]) =>
    k.unpublishAt && k.unpublishAt.getTime() <= now
      ? 'unpublished'
      : k.retiredAt && k.retiredAt.getTime() <= now
        ? 'retired'
        : k.activatesAt.getTime() > now
          ? 'published'
          : 'active';
  const json = rows.map((k) => ({
    kid: k.kid,
    alg: k.alg,
    state: state(k),
    activates_at: k.activatesAt.toISOString(),
    retired_at: k.retiredAt?.toISOString() ?? null,
    unpublish_at: k.unpublishAt?.toISOString() ?? null,
  }));
  return { json, text: json.map((k) => `${k.kid}  ${k.alg.padEnd(6)} ${k.state}`).join('\n') || 'No keys yet.' };
}

export async function keysRotate(): Promise<Output> {
  const created = await rotateSigningKeys();
  return {
    json: created.map((k) => ({ kid: k.kid, alg: k.alg, activates_at: k.activatesAt.toISOString() })),
    text: created.map((k) => `New ${k.alg} key ${k.kid}: published now, signs from ${k.activatesAt.toISOString()}`).join('\n'),
  };
}
