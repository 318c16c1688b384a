import { asc, and, eq, gt } from 'drizzle-orm';
import { db } from '@/db';
import { applications, oauthClients, organizations, type ClientType, type TokenEndpointAuthMethod } from '@/db/schema';
import type { Actor } from '@/lib/domain/actor';
import { notFound, unprocessable } from '@/lib/domain/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { createClient, rotateClientSecret } from '@/lib/oidc/clients';
import { UnsafeRedirectUri } from '@/lib/oidc/redirect-uri';
import { requireMayGrantAdminScopes, requirePlatformActor } from './actors';

export const ADMIN_SCOPES = ['admin:read', 'admin:write'];

export type ClientSummary = {
  clientId: string;
  applicationId: string;
  name: string;
  type: ClientType;
  redirectUris: string[];
  grantTypes: string[];
  scopes: string[];
  adminOrgId: string | null;
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

export type ClientInput = {
  name: string;
  type: ClientType;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: string[];
  scopes: string[];
  firstParty: boolean;
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod;
  jwks?: { keys: Record<string, unknown>[] };
  accessTokenTtl?: number;
  adminOrgId?: string | null;
};

/** A new client of the application; its secret (if any) is in the answer only. */
export async function createApplicationClient(
  actor: Actor,
  applicationId: string,
  input: ClientInput,
): Promise<{ clientId: string; clientSecret: string | null }> {
  requirePlatformActor(actor);
  await requireApplication(applicationId);
  const admin = input.scopes.some((s) => ADMIN_SCOPES.includes(s));
  if (admin) {
    requireMayGrantAdminScopes(actor);
    if (input.type !== 'confidential' || !input.grantTypes.includes('client_credentials')) {
      throw unprocessable('Admin scopes are for confidential clients with the client_credentials grant.');
    }
  }
  if (input.adminOrgId) {
    if (!admin) throw unprocessable('adminOrgId only applies to clients with admin scopes.');
    const [org] = await db().select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.adminOrgId));
    if (!org) throw unprocessable('The organization of adminOrgId does not exist.');
  }
  try {
    return await createClient({ applicationId, ...input });
  } catch (error) {
    if (error instanceof UnsafeRedirectUri) throw unprocessable(error.message);
    throw error;
  }
}

export async function rotateSecretAs(actor: Actor, clientId: string, graceSeconds?: number) {
  requirePlatformActor(actor);
  return rotateClientSecret(clientId, graceSeconds);
}
