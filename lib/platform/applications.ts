import { asc, count, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db';
import { applications, oauthClients, permissions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { type Actor, isPlatformActor } from '@/lib/domain/actor';
import { notFound } from '@/lib/domain/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { createApplication, MAX_APPLICATION_RESOURCES, resourcesOfApplications, setApplicationResources } from '@/lib/oidc/applications';
import { MAX_RESOURCE_LENGTH } from '@/lib/oidc/resource';
import { requireAdministrator, requirePlatformActor } from './actors';

/** `resources`: the resource servers (RFC 8707) its clients may ask tokens for. */
export type Application = {
  id: string;
  key: string;
  name: string;
  description: string | null;
  homepageUrl: string | null;
  /** Shown on the consent page beside the client's name. */
  logoUrl: string | null;
  resources: string[];
  createdAt: Date;
};

/** For platform actors: what depends on the application. */
export type ApplicationDetail = Application & { clientCount?: number; permissionCount?: number };

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** A page or image address people's browsers load: https, or http on a loopback host (development). */
export const webUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname));
  }, 'Use an https address (http only on localhost), without a user name or password.');

export const applicationName = z.string().trim().min(1, 'Enter a name.').max(100);

/** Names the application in role sets, plans and the CLI; it never changes. */
export const applicationKey = z.string().regex(/^[a-z][a-z0-9_-]{0,47}$/, 'Use lower-case letters, digits, - or _, starting with a letter.');

/** RFC 8707 §2: an absolute URI without a fragment. lib/oidc/applications.ts holds the rest of the rules. */
const resourceUri = z
  .string()
  .max(MAX_RESOURCE_LENGTH)
  .refine((u) => URL.canParse(u) && !u.includes('#'), 'Must be an absolute URI without a fragment.')
  .meta({ example: 'https://billing.example.com/api' });

/**
 * What an update may change. The key stays: it names the application in role sets, plans and the
 * CLI. null clears an optional field.
 */
export const applicationUpdateSchema = z
  .strictObject({
    name: applicationName.optional(),
    description: z.string().trim().max(500).nullable().optional(),
    homepageUrl: webUrl.nullable().optional(),
    logoUrl: webUrl.nullable().optional().meta({ description: 'Shown on the consent page; https (http only on localhost).' }),
    resources: z.array(resourceUri).max(MAX_APPLICATION_RESOURCES).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Send at least one field to change.');

export type ApplicationUpdate = z.output<typeof applicationUpdateSchema>;

/** A new application: its name and key, and optionally what an update may set. */
export const applicationCreateSchema = z.strictObject({
  name: applicationName,
  key: applicationKey.optional().meta({ description: 'Defaults to one derived from the name.', example: 'billing' }),
  description: z.string().trim().max(500).optional(),
  homepageUrl: webUrl.optional(),
  logoUrl: webUrl.optional().meta({ description: 'Shown on the consent page; https (http only on localhost).' }),
  resources: z.array(resourceUri).max(MAX_APPLICATION_RESOURCES).optional(),
});

export type ApplicationCreate = z.output<typeof applicationCreateSchema>;

type Row = typeof applications.$inferSelect;

async function withResources(rows: Row[]): Promise<Application[]> {
  const resources = await resourcesOfApplications(rows.map((a) => a.id));
  return rows.map((a) => ({
    id: a.id,
    key: a.key,
    name: a.name,
    description: a.description,
    homepageUrl: a.homepageUrl,
    logoUrl: a.logoUrl,
    createdAt: a.createdAt,
    resources: resources.get(a.id) ?? [],
  }));
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

/** One application; platform actors also see how many clients and permissions it has. */
export async function getApplication(actor: Actor, applicationId: string): Promise<ApplicationDetail> {
  await requireAdministrator(actor);
  const [row] = await db().select().from(applications).where(eq(applications.id, applicationId));
  if (!row) throw notFound('Application');
  const app = (await withResources([row]))[0]!;
  if (!isPlatformActor(actor)) return app;
  const [[clients], [perms]] = [
    await db().select({ n: count() }).from(oauthClients).where(eq(oauthClients.applicationId, applicationId)),
    await db().select({ n: count() }).from(permissions).where(eq(permissions.applicationId, applicationId)),
  ];
  return { ...app, clientCount: clients?.n ?? 0, permissionCount: perms?.n ?? 0 };
}

/** Creates an application with everything it is given, in one transaction: a refused resource server creates nothing. */
export async function createApplicationAs(actor: Actor, input: ApplicationCreate, meta?: ClientMeta): Promise<ApplicationDetail> {
  requirePlatformActor(actor);
  const { resources, description, homepageUrl, logoUrl } = input;
  const id = await db().transaction(async (tx) => {
    const { id, key } = await createApplication({ name: input.name, key: input.key }, tx);
    const details = Object.fromEntries(Object.entries({ description, homepageUrl, logoUrl }).filter(([, v]) => v !== undefined));
    if (Object.keys(details).length) await tx.update(applications).set(details).where(eq(applications.id, id));
    if (resources?.length) await setApplicationResources(id, resources, tx);
    await recordAudit('platform.application_created', { actor, meta, detail: { application_id: id, key, name: input.name } }, tx);
    return id;
  });
  return getApplication(actor, id);
}

/**
 * Changes an application's name, description, homepage, logo or resource servers, in one
 * transaction. Declaring a resource server lets the application's clients ask tokens for it, so
 * this is for platform actors only.
 */
export async function updateApplicationAs(actor: Actor, applicationId: string, input: ApplicationUpdate, meta?: ClientMeta): Promise<ApplicationDetail> {
  requirePlatformActor(actor);
  const [row] = await db().select({ id: applications.id }).from(applications).where(eq(applications.id, applicationId));
  if (!row) throw notFound('Application');
  const { resources, ...fields } = input;
  const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<Omit<ApplicationUpdate, 'resources'>>;
  await db().transaction(async (tx) => {
    // Resources first: they may be refused, and then nothing has changed.
    if (resources !== undefined) await setApplicationResources(applicationId, resources, tx);
    if (Object.keys(changes).length) await tx.update(applications).set(changes).where(eq(applications.id, applicationId));
    const changed = [...Object.keys(changes), ...(resources !== undefined ? ['resources'] : [])];
    await recordAudit('platform.application_updated', { actor, meta, detail: { application_id: applicationId, changed } }, tx);
  });
  return getApplication(actor, applicationId);
}

/** How many clients each application has, for the console's list. */
export async function clientCountsByApplication(actor: Actor): Promise<Map<string, number>> {
  requirePlatformActor(actor);
  const rows = await db().select({ applicationId: oauthClients.applicationId, n: count() }).from(oauthClients).groupBy(oauthClients.applicationId);
  return new Map(rows.map((r) => [r.applicationId, r.n]));
}
