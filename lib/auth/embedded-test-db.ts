import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * For unit tests of small database rules: a fresh embedded database in a temporary directory,
 * migrated. Call before anything reads the configuration; returns the cleanup.
 */
export async function openEmbeddedTestDb(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'auth-portal-unit-'));
  process.env.DATA_DIR = dir;
  process.env.AUTH_SECRET = 'unit-test-secret-unit-test-secret-0123';
  delete process.env.DATABASE_URL;
  const holder = globalThis as unknown as { __authPortalConfig?: unknown; __authPortalDb?: unknown };
  holder.__authPortalConfig = undefined;
  holder.__authPortalDb = undefined;
  const { migrateDatabase } = await import('@/db/migrate');
  const { closeDb } = await import('@/db');
  await migrateDatabase();
  return async () => {
    await closeDb();
    rmSync(dir, { recursive: true, force: true });
  };
}
