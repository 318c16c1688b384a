// Resource indicators (RFC 8707). Enforces: a resource is an absolute URI without a fragment; a
// client gets tokens only for its own application's declared resource servers (else invalid_target,
// §2), a refresh only for the resource its grant was authorized for (§2.2), and the portal's admin
// API only under the admin-scope rules (client_credentials with admin:read/admin:write).
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { applicationResources } from '@/db/schema';
import { NotifiedCache, notifiedCache } from '@/lib/claims/cache';
import { APPLICATION_RESOURCES_CHANNEL } from '@/lib/claims/changes';
import { adminApiAudience, consumptionApiAudience, isAdminScope, isConsumptionScope } from './admin-scopes';
import type { OAuthClient } from './clients';
import { InvalidTarget } from './errors';
import type { Params } from './request';

export const MAX_RESOURCE_LENGTH = 2048;

/** RFC 8707 §2: a resource indicator is an absolute URI without a fragment. */
export function checkedResource(resource: string): string {
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    throw new InvalidTarget('resource must be an absolute URI without a fragment.');
  }
  if (url.hash || resource.includes('#')) throw new InvalidTarget('resource must be an absolute URI without a fragment.');
  return resource;
}

/**
 * The resource servers an application declares, read on every token request for a resource: kept in
 * memory while the change listener runs, dropped when setApplicationResources (any process) notifies.
 */
function declaredResources(applicationId: string): Promise<ReadonlySet<string>> {
  const cache = notifiedCache(APPLICATION_RESOURCES_CHANNEL, () => new NotifiedCache<ReadonlySet<string>>());
  return cache.get(applicationId, '', async () => {
    const rows = await db()
      .select({ uri: applicationResources.uri })
      .from(applicationResources)
      .where(eq(applicationResources.applicationId, applicationId));
    return new Set(rows.map((row) => row.uri));
  });
}

/** The resource, if it is one of the client's application's resource servers; invalid_target otherwise. */
export async function applicationResource(client: OAuthClient, resource: string): Promise<string> {
  checkedResource(resource);
  // Whatever was declared (a CLI run with another PUBLIC_URL could have), never the admin API here.
  if (resource === adminApiAudience()) throw new InvalidTarget('Tokens for the admin API need an admin scope.');
  if (!(await declaredResources(client.applicationId)).has(resource)) {
    throw new InvalidTarget('This client may not ask for tokens for that resource.');
  }
  return resource;
}

/**
 * client_credentials: the requested resource, when the client's application declares it; the admin
 * API only with an admin scope granted. Without a resource: the portal APIs the granted scopes are
 * for (admin, consumption), else the client itself.
 */
export async function clientCredentialsAudience(params: Params, client: OAuthClient, scopes: string[]): Promise<string | string[]> {
  const resource = params.get('resource');
  const forAdminApi = scopes.some(isAdminScope);
  if (resource === undefined) {
    const portalApis = [...(forAdminApi ? [adminApiAudience()] : []), ...(scopes.some(isConsumptionScope) ? [consumptionApiAudience()] : [])];
    if (portalApis.length === 0) return client.id;
    return portalApis.length === 1 ? portalApis[0]! : portalApis;
  }
  if (resource === adminApiAudience()) {
    if (!forAdminApi) throw new InvalidTarget('Tokens for the admin API need an admin scope.');
    return resource;
  }
  return applicationResource(client, resource);
}

/**
 * refresh_token: the grant's own resource (or the client itself when it had none). A `resource`
 * parameter may only repeat it; one the application no longer declares gets no more tokens.
 */
export async function refreshAudience(params: Params, client: OAuthClient, grantResource: string | null): Promise<string> {
  const resource = params.get('resource');
  if (resource !== undefined) {
    checkedResource(resource);
    if (resource !== grantResource) throw new InvalidTarget('A refresh can only ask for the resource the authorization was for.');
  }
  return grantResource === null ? client.id : applicationResource(client, grantResource);
}
