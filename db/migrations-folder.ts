import path from 'node:path';

/** The committed drizzle-kit migrations: applied by db/migrate.ts, and the newest one awaited by the readiness check. */
export function migrationsFolder(): string {
  return path.resolve(process.cwd(), 'db/migrations');
}
