import { eq } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { db, type Executor } from '@/db';
import { applications, oauthClients, type ClientType, type SigningAlg, type TokenEndpointAuthMethod } from '@/db/schema';
import { generateToken, hashToken } from '@/lib/auth/tokens';
import { notifiedCache } from '@/lib/claims/cache';
import { CLIENTS_CHANNEL } from '@/lib/claims/changes';
import { notFound } from '@/lib/domain/errors';
import { assertRegistrableRedirectUris } from './redirect-uri';

export type OAuthClient = typeof oauthClients.$inferSelect;

export const CLIENT_DEFAULTS = {
  accessTokenTtl: 15 * 60,
  refreshTokenIdleTtl: 14 * 24 * 60 * 60,
  refreshTokenAbsoluteTtl: 30 * 24 * 60 * 60,
  /** How long a rotated-out secret keeps working. */
  secretRotationGraceSeconds: 24 * 60 * 60,
} as const;

export const MAX_ACCESS_TOKEN_TTL = 15 * 60;
export const SUPPORTED_GRANTS = ['authorization_code', 'refresh_token', 'client_credentials'] as const;

export type NewClient = {
  applicationId: string;
  name: string;
  type: ClientType;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  grantTypes: string[];
  scopes: string[];
  firstParty?: boolean;
  idTokenAlg?: SigningAlg;
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod;
  jwks?: { keys: Record<string, unknown>[] };
  accessTokenTtl?: number;
  refreshTokenIdleTtl?: number;
  refreshTokenAbsoluteTtl?: number;
  /** With admin:* scopes: the one organization the client may administer (null: all). */
  adminOrgId?: string | null;
};

/**
 * A random client id that does not start with '-': one that did would read as an option when
 * given to a command line (`cli client rotate-secret -Abc…`).
 */
function newClientId(): string {
  for (;;) {
    const id = generateToken(16);
    if (!id.startsWith('-')) return id;
  }
}

/** Creates a client; a confidential one gets a secret, returned here once and stored hashed. */
export async function createClient(input: NewClient, exec: Executor = db()): Promise<{ clientId: string; clientSecret: string | null }> {
  assertRegistrableRedirectUris([...input.redirectUris, ...(input.postLogoutRedirectUris ?? [])]);
  const clientId = newClientId();
  const method = input.tokenEndpointAuthMethod ?? (input.type === 'public' ? 'none' : 'client_secret_basic');
  const needsSecret = method === 'client_secret_basic' || method === 'client_secret_post';
  const clientSecret = needsSecret ? generateToken(32) : null;
  await exec
    .insert(oauthClients)
    .values({
      id: clientId,
      applicationId: input.applicationId,
      name: input.name,
      type: input.type,
      secretHash: clientSecret ? hashToken(clientSecret) : null,
      redirectUris: input.redirectUris,
      postLogoutRedirectUris: input.postLogoutRedirectUris ?? [],
      grantTypes: input.grantTypes,
      scopes: input.scopes,
      firstParty: input.firstParty ?? false,
      idTokenAlg: input.idTokenAlg ?? 'RS256',
      tokenEndpointAuthMethod: method,
      jwks: input.jwks ?? null,
      accessTokenTtl: Math.min(input.accessTokenTtl ?? CLIENT_DEFAULTS.accessTokenTtl, MAX_ACCESS_TOKEN_TTL),
      refreshTokenIdleTtl: input.refreshTokenIdleTtl ?? CLIENT_DEFAULTS.refreshTokenIdleTtl,
      refreshTokenAbsoluteTtl: input.refreshTokenAbsoluteTtl ?? CLIENT_DEFAULTS.refreshTokenAbsoluteTtl,
      adminOrgId: input.adminOrgId ?? null,
    });
  return { clientId, clientSecret };
}

// Clients are read on every token request; a short cache keeps that off the database.
const holder = globalThis as unknown as { __authPortalClients?: LRUCache<string, OAuthClient | false> };
const cache = (holder.__authPortalClients ??= new LRUCache<string, OAuthClient | false>({ max: 5000, ttl: 10_000 }));
// A client changed, disabled or deleted anywhere (notifyClientChanged) leaves every instance's cache at once.
notifiedCache(CLIENTS_CHANNEL, () => ({ attach: () => {}, invalidate: (clientId: string) => void cache.delete(clientId), clear: () => cache.clear() }), 'oauth-clients');

/** Drops this process's cached copy; other instances drop theirs on notifyClientChanged. */
export function forgetClient(clientId: string): void {
  cache.delete(clientId);
}

/** The client's row, disabled or not, straight from the database (for administration). */
export async function loadClient(clientId: string, exec: Executor = db()): Promise<OAuthClient | null> {
  if (clientId.length > 128) return null;
  const [row] = await exec.select().from(oauthClients).where(eq(oauthClients.id, clientId));
  return row ?? null;
}

/**
 * The client for a protocol request. A disabled client is no client: every endpoint (token,
 * authorize, introspection, revocation, userinfo, admin API) refuses it as it refuses an unknown
 * one. `fresh` skips the cache, for when a cached copy may be stale (a secret rotated by another process).
 */
export async function findClient(clientId: string, { fresh = false } = {}): Promise<OAuthClient | null> {
  if (clientId.length > 128) return null;
  const cached = fresh ? undefined : cache.get(clientId);
  if (cached !== undefined) return cached || null;
  const row = await loadClient(clientId);
  const usable = row && !row.disabledAt ? row : null;
  cache.set(clientId, usable ?? false);
  return usable;
}

export async function listClients() {
  return db()
    .select({
      clientId: oauthClients.id,
      name: oauthClients.name,
      type: oauthClients.type,
      application: applications.key,
      redirectUris: oauthClients.redirectUris,
      grantTypes: oauthClients.grantTypes,
      scopes: oauthClients.scopes,
      disabledAt: oauthClients.disabledAt,
      createdAt: oauthClients.createdAt,
    })
    .from(oauthClients)
    .innerJoin(applications, eq(applications.id, oauthClients.applicationId))
    .orderBy(oauthClients.createdAt);
}

/** A new secret; the old one keeps working for the grace period so deployments can roll over. */
export async function rotateClientSecret(
  clientId: string,
  graceSeconds: number = CLIENT_DEFAULTS.secretRotationGraceSeconds,
  exec: Executor = db(),
) {
  const client = await loadClient(clientId, exec);
  if (!client || !client.secretHash) throw notFound('A client with a secret');
  const clientSecret = generateToken(32);
  const previousSecretExpiresAt = new Date(Date.now() + graceSeconds * 1000);
  await exec
    .update(oauthClients)
    .set({ secretHash: hashToken(clientSecret), previousSecretHash: client.secretHash, previousSecretExpiresAt })
    .where(eq(oauthClients.id, clientId));
  cache.delete(clientId);
  return { clientId, clientSecret, previousSecretExpiresAt };
}
