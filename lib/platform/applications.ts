import { asc, eq, gt } from 'drizzle-orm';
import { db } from '@/db';
import { applications } from '@/db/schema';
import type { Actor } from '@/lib/domain/actor';
import { notFound } from '@/lib/domain/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { createApplication, resourcesOfApplications, setApplicationResources } from '@/lib/oidc/applications';
import { requireAdministrator, requirePlatformActor } from './actors';

/** `resources`: the resource servers (RFC 8707) its clients may ask tokens for. */
export type Application = { id: string; key: string; name: string; resources: string[]; createdAt: Date };

async function withResources(rows: Array<Omit<Application, 'resources'>>): Promise<Application[]> {
  const resources = await resourcesOfApplications(rows.map((a) => a.id));
  return rows.map((a) => ({ ...a, resources: resources.get(a.id) ?? [] }));
}

/** Every application (they are the company's, shared by all organizations), oldest first. */
export async function listApplications(actor: Actor, query: PageQuery): Promise<Page<Application>> {
  await requireAdministrator(actor);
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 1);
  const rows = await db()
    .select()
    .from(applications)
    .where(after ? gt(applications.id, after[0]!) : undefined)
    .orderBy(asc(applications.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, (a) => a, (a) => [a.id]);
  return { ...page, items: await withResources(page.items) };
}

export async function getApplication(actor: Actor, applicationId: string): Promise<Application> {
  await requireAdministrator(actor);
  const [row] = await db().select().from(applications).where(eq(applications.id, applicationId));
  if (!row) throw notFound('Application');
  return (await withResources([row]))[0]!;
}

export async function createApplicationAs(actor: Actor, input: { name: string; key?: string }): Promise<Application> {
  requirePlatformActor(actor);
  const { id } = await createApplication(input);
  return getApplication(actor, id);
}

/**
 * Renames an application or replaces its resource servers. Declaring one lets the application's
 * clients ask tokens for it, so this is for platform actors only.
 */
export async function updateApplicationAs(
  actor: Actor,
  applicationId: string,
  input: { name?: string; resources?: string[] },
): Promise<Application> {
  requirePlatformActor(actor);
  const [row] = await db().select({ id: applications.id }).from(applications).where(eq(applications.id, applicationId));
  if (!row) throw notFound('Application');
  // Resources first: they may be refused, and then nothing has changed.
  if (input.resources !== undefined) await setApplicationResources(applicationId, input.resources);
  if (input.name !== undefined) await db().update(applications).set({ name: input.name }).where(eq(applications.id, applicationId));
  return getApplication(actor, applicationId);
}
