import { asc, eq, inArray, or } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { applicationResources, applications } from '@/db/schema';
import { notifyApplicationResourcesChanged } from '@/lib/claims/changes';
import { conflict, unprocessable } from '@/lib/domain/errors';
import { adminApiAudience } from './admin-scopes';
import { checkedResource, MAX_RESOURCE_LENGTH } from './resource';

export function applicationKeyFrom(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'app';
}

export const MAX_APPLICATION_RESOURCES = 20;

export async function createApplication(input: { name: string; key?: string }, exec: Executor = db()) {
  const key = input.key ?? applicationKeyFrom(input.name);
  const [row] = await exec
    .insert(applications)
    .values({ name: input.name, key })
    .onConflictDoNothing({ target: applications.key })
    .returning({ id: applications.id, key: applications.key });
  if (!row) throw conflict(`An application with key "${key}" already exists.`);
  return row;
}

/** By id or by key. */
export async function findApplication(idOrKey: string) {
  const [row] = await db()
    .select()
    .from(applications)
    .where(or(eq(applications.id, idOrKey), eq(applications.key, idOrKey)));
  return row ?? null;
}

/** The resource servers of each application, sorted. */
export async function resourcesOfApplications(applicationIds: string[]): Promise<Map<string, string[]>> {
  const byApp = new Map<string, string[]>(applicationIds.map((id) => [id, []]));
  if (!applicationIds.length) return byApp;
  const rows = await db()
    .select({ applicationId: applicationResources.applicationId, uri: applicationResources.uri })
    .from(applicationResources)
    .where(inArray(applicationResources.applicationId, applicationIds))
    .orderBy(asc(applicationResources.uri));
  for (const row of rows) byApp.get(row.applicationId)?.push(row.uri);
  return byApp;
}

/** The URI if the application may declare it: a resource indicator, and not the portal's own admin API. */
function declarableResource(uri: string): string {
  if (uri.length > MAX_RESOURCE_LENGTH) throw unprocessable(`A resource is at most ${MAX_RESOURCE_LENGTH} characters.`);
  try {
    checkedResource(uri);
  } catch {
    throw unprocessable(`"${uri.slice(0, 200)}" is not an absolute URI without a fragment.`);
  }
  // Tokens for the admin API are given under the admin-scope rules only, never to an application.
  if (uri === adminApiAudience()) throw unprocessable('The portal\u2019s admin API is not an application\u2019s resource.');
  return uri;
}

/**
 * Replaces the application's resource servers. One transaction: the old list goes, the new one is
 * inserted, and a URI that another application holds (the primary key: a resource server belongs
 * to one application) rolls it all back.
 */
export async function setApplicationResources(applicationId: string, resources: string[], exec: Executor = db()): Promise<string[]> {
  const uris = [...new Set(resources.map(declarableResource))];
  if (uris.length > MAX_APPLICATION_RESOURCES) {
    throw unprocessable(`An application declares at most ${MAX_APPLICATION_RESOURCES} resources.`);
  }
  await exec.transaction(async (tx) => {
    // Token endpoints cache what an application declares (./resource.ts): drop it everywhere on commit.
    await notifyApplicationResourcesChanged(tx, applicationId);
    await tx.delete(applicationResources).where(eq(applicationResources.applicationId, applicationId));
    if (!uris.length) return;
    const inserted = await tx
      .insert(applicationResources)
      .values(uris.map((uri) => ({ uri, applicationId })))
      .onConflictDoNothing({ target: applicationResources.uri })
      .returning({ uri: applicationResources.uri });
    if (inserted.length !== uris.length) {
      const taken = uris.filter((uri) => !inserted.some((row) => row.uri === uri));
      throw conflict(`Another application already declares ${taken.join(', ').slice(0, 300)}.`);
    }
  });
  return uris;
}
