import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { seedPermissionCatalogue } from '@/lib/rbac/catalogue';
import { withAdvisoryLock } from './advisory-lock';
import { connection } from './index';
import { migrationsFolder } from './migrations-folder';

/**
 * Applies committed drizzle-kit migrations, then the built-in permission catalogue; one instance at
 * a time, so instances starting together on an empty database do not create the same tables twice.
 */
export async function migrateDatabase(): Promise<void> {
  await withAdvisoryLock('migrations', async () => {
    const conn = connection();
    if (conn.kind === 'pglite') await migratePglite(conn.db as unknown as PgliteDatabase, { migrationsFolder: migrationsFolder() });
    else await migratePostgres(conn.db as unknown as PostgresJsDatabase, { migrationsFolder: migrationsFolder() });
    await seedPermissionCatalogue(conn.db);
  });
}
