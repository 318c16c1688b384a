import { asc, and, count, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { applications, oauthClients, oauthGrants, refreshTokens, type ClientType } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { generateToken, hashToken } from '@/lib/auth/tokens';
import { notifyClientChanged } from '@/lib/claims/changes';
import type { Actor } from '@/lib/domain/actor';
import { notFound } from '@/lib/domain/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { createClient, forgetClient, loadClient, rotateClientSecret, type OAuthClient } from '@/lib/oidc/clients';
import { notifyTokensRevoked } from '@/lib/oidc/token-liveness';
import { requirePlatformActor } from './actors';
import { checkRegistrant, parseClientUpdate, type ClientField, type ClientRegistration, type ClientUpdate } from './client-registration';

export type ClientSummary = {
  clientId: string;
  applicationId: string;
  name: string;
  type: ClientType;
  redirectUris: string[];
  grantTypes: string[];
  scopes: string[];
  adminOrgId: string | null;
  /** Set while the client is disabled: every endpoint refuses it as an unknown client. */
  disabledAt: Date | null;
  createdAt: Date;
};

const summary = {
  clientId: oauthClients.id,
  applicationId: oauthClients.applicationId,
  name: oauthClients.name,
  type: oauthClients.type,
  redirectUris: oauthClients.redirectUris,
  grantTypes: oauthClients.grantTypes,
  scopes: oauthClients.scopes,
  adminOrgId: oauthClients.adminOrgId,
  disabledAt: oauthClients.disabledAt,
  createdAt: oauthClients.createdAt,
};

async function requireApplication(applicationId: string): Promise<void> {
  const [app] = await db().select({ id: applications.id }).from(applications).where(eq(applications.id, applicationId));
  if (!app) throw notFound('Application');
}

export async function listApplicationClients(actor: Actor, applicationId: string, query: PageQuery): Promise<Page<ClientSummary>> {
  requirePlatformActor(actor);
  await requireApplication(applicationId);
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 1);
  const rows = await db()
    .select(summary)
    .from(oauthClients)
    .where(and(eq(oauthClients.applicationId, applicationId), after ? gt(oauthClients.id, after[0]!) : undefined))
    .orderBy(asc(oauthClients.id))
    .limit(limit + 1);
  return toPage(rows, limit, (c) => c, (c) => [c.clientId]);
}

/**
 * A new client of the application, registered as `clientRegistrationSchema` parsed it (every
 * entry point parses with it first); its secret (if any) is in the answer only.
 */
export async function createApplicationClient(
  actor: Actor,
  applicationId: string,
  input: ClientRegistration,
  meta?: ClientMeta,
): Promise<{ clientId: string; clientSecret: string | null }> {
  requirePlatformActor(actor);
  await requireApplication(applicationId);
  await checkRegistrant(actor, input);
  return db().transaction(async (tx) => {
    const created = await createClient({ applicationId, ...input }, tx);
    const detail = { client_id: created.clientId, application_id: applicationId, name: input.name, type: input.type, scopes: input.scopes };
    await recordAudit('platform.client_created', { actor, meta, detail }, tx);
    return created;
  });
}

/** A client's whole registration (never its secrets) and how many of its grants still work. */
export type ClientDetail = ClientSummary & {
  postLogoutRedirectUris: string[];
  firstParty: boolean;
  idTokenAlg: string;
  tokenEndpointAuthMethod: string;
  jwks: { keys: Record<string, unknown>[] } | null;
  accessTokenTtl: number;
  refreshTokenIdleTtl: number;
  refreshTokenAbsoluteTtl: number;
  hasSecret: boolean;
  /** Until when the secret replaced by the last rotation still works. */
  previousSecretExpiresAt: Date | null;
  /** Grants (a user's authorization of the client) not revoked. */
  liveGrants: number;
  /** Refresh tokens of those grants that can still be used. */
  liveRefreshTokens: number;
};

async function requireClient(clientId: string): Promise<OAuthClient> {
  const client = await loadClient(clientId);
  if (!client) throw notFound('Client');
  return client;
}

async function liveCounts(clientId: string, exec: Executor = db()): Promise<{ liveGrants: number; liveRefreshTokens: number }> {
  const now = new Date();
  // One after the other: a transaction's connection answers one query at a time.
  const [grants] = await exec
    .select({ n: count() })
    .from(oauthGrants)
    .where(and(eq(oauthGrants.clientId, clientId), isNull(oauthGrants.revokedAt)));
  const [tokens] = await exec
    .select({ n: count() })
    .from(refreshTokens)
    .innerJoin(oauthGrants, eq(oauthGrants.id, refreshTokens.grantId))
    .where(
      and(
        eq(refreshTokens.clientId, clientId),
        isNull(oauthGrants.revokedAt),
        isNull(refreshTokens.rotatedAt),
        gt(refreshTokens.expiresAt, now),
        gt(refreshTokens.absoluteExpiresAt, now),
      ),
    );
  return { liveGrants: grants?.n ?? 0, liveRefreshTokens: tokens?.n ?? 0 };
}

function detailOf(c: OAuthClient, counts: { liveGrants: number; liveRefreshTokens: number }): ClientDetail {
  return {
    clientId: c.id,
    applicationId: c.applicationId,
    name: c.name,
    type: c.type,
    redirectUris: c.redirectUris,
    postLogoutRedirectUris: c.postLogoutRedirectUris,
    grantTypes: c.grantTypes,
    scopes: c.scopes,
    adminOrgId: c.adminOrgId,
    disabledAt: c.disabledAt,
    createdAt: c.createdAt,
    firstParty: c.firstParty,
    idTokenAlg: c.idTokenAlg,
    tokenEndpointAuthMethod: c.tokenEndpointAuthMethod,
    jwks: c.jwks,
    accessTokenTtl: c.accessTokenTtl,
    refreshTokenIdleTtl: c.refreshTokenIdleTtl,
    refreshTokenAbsoluteTtl: c.refreshTokenAbsoluteTtl,
    hasSecret: c.secretHash !== null,
    previousSecretExpiresAt: c.previousSecretHash ? c.previousSecretExpiresAt : null,
    ...counts,
  };
}

export async function getClientAs(actor: Actor, clientId: string): Promise<ClientDetail> {
  requirePlatformActor(actor);
  const client = await requireClient(clientId);
  return detailOf(client, await liveCounts(clientId));
}

/** The registration a stored client would have been created with, for merging an update into. */
function registrationOf(c: OAuthClient) {
  return {
    name: c.name,
    type: c.type,
    redirectUris: c.redirectUris,
    postLogoutRedirectUris: c.postLogoutRedirectUris,
    grantTypes: c.grantTypes as ClientRegistration['grantTypes'],
    scopes: c.scopes,
    firstParty: c.firstParty,
    idTokenAlg: c.idTokenAlg,
    tokenEndpointAuthMethod: c.tokenEndpointAuthMethod,
    jwks: c.jwks ?? undefined,
    accessTokenTtl: c.accessTokenTtl,
    refreshTokenIdleTtl: c.refreshTokenIdleTtl,
    refreshTokenAbsoluteTtl: c.refreshTokenAbsoluteTtl,
    adminOrgId: c.adminOrgId,
  };
}

const SECRET_METHODS = ['client_secret_basic', 'client_secret_post'];

/**
 * Changes a client's editable options. The current registration with the changes applied must
 * pass the rules of a new registration (clientRegistrationSchema, then checkRegistrant): an
 * update is refused exactly as creating that client would be (InvalidClientRegistration carries
 * the schema's issues). Moving to a secret method gives a client without one its first secret,
 * in this answer only; moving away from secrets forgets them.
 */
export async function updateClientAs(
  actor: Actor,
  clientId: string,
  patch: ClientUpdate,
  options: { meta?: ClientMeta; nameOf?: (field: ClientField) => string } = {},
): Promise<ClientDetail & { clientSecret: string | null }> {
  requirePlatformActor(actor);
  const current = await requireClient(clientId);
  const next = parseClientUpdate(registrationOf(current), patch, options.nameOf);
  await checkRegistrant(actor, next);
  const method = next.tokenEndpointAuthMethod ?? current.tokenEndpointAuthMethod;
  const usesSecret = SECRET_METHODS.includes(method);
  const clientSecret = usesSecret && !current.secretHash ? generateToken(32) : null;
  const changed = (Object.keys(patch) as (keyof ClientUpdate)[]).filter((field) => patch[field] !== undefined);
  await db().transaction(async (tx) => {
    await tx
      .update(oauthClients)
      .set({
        name: next.name,
        redirectUris: next.redirectUris,
        postLogoutRedirectUris: next.postLogoutRedirectUris,
        grantTypes: next.grantTypes,
        scopes: next.scopes,
        firstParty: next.firstParty,
        idTokenAlg: next.idTokenAlg ?? current.idTokenAlg,
        tokenEndpointAuthMethod: method,
        jwks: next.jwks ?? null,
        accessTokenTtl: next.accessTokenTtl ?? current.accessTokenTtl,
        refreshTokenIdleTtl: next.refreshTokenIdleTtl ?? current.refreshTokenIdleTtl,
        refreshTokenAbsoluteTtl: next.refreshTokenAbsoluteTtl ?? current.refreshTokenAbsoluteTtl,
        ...(clientSecret ? { secretHash: hashToken(clientSecret) } : {}),
        ...(usesSecret ? {} : { secretHash: null, previousSecretHash: null, previousSecretExpiresAt: null }),
      })
      .where(eq(oauthClients.id, clientId));
    await notifyClientChanged(tx, clientId);
    await recordAudit(
      'platform.client_updated',
      { actor, meta: options.meta, detail: { client_id: clientId, application_id: current.applicationId, changed, ...(clientSecret ? { secret_issued: true } : {}) } },
      tx,
    );
  });
  forgetClient(clientId);
  return { ...(await getClientAs(actor, clientId)), clientSecret };
}

/**
 * Disables a client: every endpoint refuses it from now on as an unknown client, and every grant
 * it holds ends with it (refresh tokens refused, access tokens reported inactive), in one
 * transaction. Disabling a disabled client changes nothing.
 */
export async function disableClientAs(actor: Actor, clientId: string, meta?: ClientMeta): Promise<ClientDetail> {
  requirePlatformActor(actor);
  const client = await requireClient(clientId);
  // Conditional on the row, so two concurrent disables audit and revoke once.
  const changed = await db().transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .update(oauthClients)
      .set({ disabledAt: now })
      .where(and(eq(oauthClients.id, clientId), isNull(oauthClients.disabledAt)))
      .returning({ id: oauthClients.id });
    if (!row) return false;
    const ended = await tx
      .update(oauthGrants)
      .set({ revokedAt: now })
      .where(and(eq(oauthGrants.clientId, clientId), isNull(oauthGrants.revokedAt)))
      .returning({ id: oauthGrants.id });
    await notifyClientChanged(tx, clientId);
    await notifyTokensRevoked(tx, `client:${clientId}`);
    await recordAudit(
      'platform.client_disabled',
      { actor, meta, detail: { client_id: clientId, application_id: client.applicationId, grants_revoked: ended.length } },
      tx,
    );
    return true;
  });
  if (changed) forgetClient(clientId);
  return getClientAs(actor, clientId);
}

/** Lets a disabled client in again. Its grants stay revoked: its users authorize it anew. */
export async function enableClientAs(actor: Actor, clientId: string, meta?: ClientMeta): Promise<ClientDetail> {
  requirePlatformActor(actor);
  const client = await requireClient(clientId);
  const changed = await db().transaction(async (tx) => {
    const [row] = await tx
      .update(oauthClients)
      .set({ disabledAt: null })
      .where(and(eq(oauthClients.id, clientId), isNotNull(oauthClients.disabledAt)))
      .returning({ id: oauthClients.id });
    if (!row) return false;
    await notifyClientChanged(tx, clientId);
    await recordAudit('platform.client_enabled', { actor, meta, detail: { client_id: clientId, application_id: client.applicationId } }, tx);
    return true;
  });
  if (changed) forgetClient(clientId);
  return getClientAs(actor, clientId);
}

/** Deletes a client; its grants, codes, refresh tokens, consents and pending requests go with it. */
export async function deleteClientAs(actor: Actor, clientId: string, meta?: ClientMeta): Promise<void> {
  requirePlatformActor(actor);
  const client = await requireClient(clientId);
  await db().transaction(async (tx) => {
    const { liveGrants } = await liveCounts(clientId, tx);
    await tx.delete(oauthClients).where(eq(oauthClients.id, clientId));
    await notifyClientChanged(tx, clientId);
    await notifyTokensRevoked(tx, `client:${clientId}`);
    await recordAudit(
      'platform.client_deleted',
      { actor, meta, detail: { client_id: clientId, name: client.name, application_id: client.applicationId, grants_ended: liveGrants } },
      tx,
    );
  });
  forgetClient(clientId);
}

export async function rotateSecretAs(actor: Actor, clientId: string, graceSeconds?: number, meta?: ClientMeta) {
  requirePlatformActor(actor);
  return db().transaction(async (tx) => {
    const rotated = await rotateClientSecret(clientId, graceSeconds, tx);
    const detail = { client_id: clientId, previous_secret_expires_at: rotated.previousSecretExpiresAt.toISOString() };
    await recordAudit('platform.client_secret_rotated', { actor, meta, detail }, tx);
    return rotated;
  });
}
