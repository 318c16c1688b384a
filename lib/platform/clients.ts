import { asc, and, eq, gt } from 'drizzle-orm';
import { db } from '@/db';
import { applications, oauthClients, type ClientType } from '@/db/schema';
import type { Actor } from '@/lib/domain/actor';
import { notFound } from '@/lib/domain/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { createClient, rotateClientSecret } from '@/lib/oidc/clients';
import { requirePlatformActor } from './actors';
import { checkRegistrant, type ClientRegistration } from './client-registration';

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

/**
 * A new client of the application, registered as `clientRegistrationSchema` parsed it (every
 * entry point parses with it first); its secret (if any) is in the answer only.
 */
export async function createApplicationClient(
  actor: Actor,
  applicationId: string,
  input: ClientRegistration,
): Promise<{ clientId: string; clientSecret: string | null }> {
  requirePlatformActor(actor);
  await requireApplication(applicationId);
  await checkRegistrant(actor, input);
  return createClient({ applicationId, ...input });
}

export async function rotateSecretAs(actor: Actor, clientId: string, graceSeconds?: number) {
  requirePlatformActor(actor);
  return rotateClientSecret(clientId, graceSeconds);
}
