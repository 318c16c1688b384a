import { asc, eq, gt } from 'drizzle-orm';
import { db } from '@/db';
import { applications } from '@/db/schema';
import { ApplicationKeyTaken, createApplication } from '@/lib/oidc/applications';
import type { Actor } from '@/lib/orgs/access';
import { conflict } from '@/lib/orgs/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/orgs/pagination';
import { requireAdministrator, requirePlatformActor } from './actors';

export type Application = { id: string; key: string; name: string; createdAt: Date };

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
  return toPage(rows, limit, (a) => a, (a) => [a.id]);
}

export async function createApplicationAs(actor: Actor, input: { name: string; key?: string }): Promise<Application> {
  requirePlatformActor(actor);
  try {
    const { id } = await createApplication(input);
    const [created] = await db().select().from(applications).where(eq(applications.id, id));
    return created!;
  } catch (error) {
    if (error instanceof ApplicationKeyTaken) throw conflict(error.message + '.');
    throw error;
  }
}
