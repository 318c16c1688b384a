// The claims listener on PostgreSQL, in this process on a fresh database: a change committed by
// another connection is seen by the very next lookup (no waiting), the cache really serves (an
// unannounced change is not seen), and after the listening connection is killed the listener comes
// back by itself with an empty cache.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase } from './harness/fresh-postgres';
import { TEST_AUTH_SECRET } from './harness/portal-server';

const fresh = freshPostgresDatabase('claims_listener');
const database = fresh.name;
const databaseUrl = fresh.url;

let other: postgres.Sql;
let stopListener: () => Promise<void>;
let lookup: () => Promise<string[] | undefined>;
let userId: string;
let orgId: string;

beforeAll(async () => {
  await fresh.create();
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET ||= TEST_AUTH_SECRET;
  const { migrateDatabase } = await import('@/db/migrate');
  await migrateDatabase();
  const { createVerifiedUser } = await import('@/lib/users/create-user');
  ({ userId, orgId } = await createVerifiedUser({ email: 'listener@example.com', password: 'Quiet-Meadow-Lantern-42', name: null }));
  const { db } = await import('@/db');
  const { applications } = await import('@/db/schema');
  const [app] = await db().insert(applications).values({ key: 'listener', name: 'Listener' }).returning({ id: applications.id });
  const { startClaimsListener } = await import('@/lib/claims/listener');
  stopListener = await startClaimsListener();
  const { accessClaims } = await import('@/lib/claims');
  lookup = async () => (await accessClaims(userId, orgId, app!.id))?.roles;
  other = postgres(databaseUrl, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await stopListener?.();
  await other?.end();
  const { closeDb } = await import('@/db');
  await closeDb();
  await fresh.drop();
});

/** Gives the member another system role from a connection of its own, announced or not. */
async function changeRole(role: string, announce: boolean) {
  await other.begin(async (tx) => {
    await tx`update memberships set role_id = (select id from roles where org_id = ${orgId} and name = ${role} and application_id is null)
             where org_id = ${orgId} and user_id = ${userId}`;
    if (announce) await tx`select pg_notify('claims_changed', ${orgId})`;
  });
}

describe('claims listener (PostgreSQL)', () => {
  it('sees an announced change in the very next lookup', async () => {
    expect(await lookup()).toEqual(['owner']);
    expect(await lookup()).toEqual(['owner']);
    await changeRole('admin', true);
    expect(await lookup()).toEqual(['admin']);
  });

  it('serves from the cache: a change nobody announced is not seen', async () => {
    await changeRole('user', false);
    expect(await lookup()).toEqual(['admin']);
  });

  it('after losing its connection, listens again and starts with an empty cache', async () => {
    const { LISTENER_NAME } = await import('@/lib/claims/listener');
    const killed = await other`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database} and application_name = ${LISTENER_NAME}`;
    expect(killed).toHaveLength(1);
    // While it reconnects lookups are computed; once it is back the cache was dropped. Either way: fresh.
    expect(await lookup()).toEqual(['user']);
    await expect.poll(() => other`select 1 from pg_stat_activity where datname = ${database} and application_name = ${LISTENER_NAME} and query ilike 'listen%'`.then((r) => r.length), { timeout: 20_000 }).toBe(1);
    expect(await lookup()).toEqual(['user']);
    await changeRole('admin', true);
    expect(await lookup()).toEqual(['admin']);
  });
});
