import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { db } from '@/db';
import { migrationsFolder } from '@/db/migrations-folder';
import { signingKey, SIGNING_ALGS } from '@/lib/oidc/keys';
import { methodNotAllowed, NO_STORE } from './probe-response';

/** A check that has not answered by then counts as failed: a load balancer's probe must not hang. */
const CHECK_TIMEOUT_MS = 2_000;

let newestMigrationMillis: number | undefined;

/** The newest migration this build ships (the folder db/migrate.ts applies). */
function newestShippedMigration(): number {
  newestMigrationMillis ??= Math.max(...readMigrationFiles({ migrationsFolder: migrationsFolder() }).map((m) => m.folderMillis));
  return newestMigrationMillis;
}

const CHECKS = {
  database: async () => {
    await db().execute(sql`select 1`);
  },
  // drizzle's migrator records each applied migration with its folder's timestamp.
  migrations: async () => {
    const result: unknown = await db().execute(sql`select max(created_at)::text as newest from drizzle.__drizzle_migrations`);
    // postgres.js answers with the rows, PGlite with { rows }.
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ newest: string | null }>;
    const applied = Number(rows[0]?.newest ?? 0);
    if (applied < newestShippedMigration()) throw new Error('migrations pending');
  },
  signing_keys: async () => {
    await Promise.all(SIGNING_ALGS.map((alg) => signingKey(alg)));
  },
} satisfies Record<string, () => Promise<void>>;

type CheckName = keyof typeof CHECKS;

async function passes(check: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)));
  try {
    return await Promise.race([check().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness: the database answers, every shipped migration is applied, and a signing key per algorithm is loaded. */
export async function readyEndpoint(req: Request): Promise<Response> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed();
  const names = Object.keys(CHECKS) as CheckName[];
  const results = await Promise.all(names.map((name) => passes(CHECKS[name])));
  const checks = Object.fromEntries(names.map((name, i) => [name, results[i] ? 'ok' : 'failed']));
  const ready = results.every(Boolean);
  return Response.json({ status: ready ? 'ready' : 'unavailable', checks }, { status: ready ? 200 : 503, headers: NO_STORE });
}
