import path from 'node:path';
import postgres from 'postgres';

/**
 * A read connection to the database the test server uses: PostgreSQL through DATABASE_URL, or the
 * embedded database through the Unix socket the server shares in its data directory. For asserting
 * what a request changed (or did not) in the database.
 */
export function connectToPortalDb(target: { databaseUrl?: string; dataDir?: string }): postgres.Sql {
  if (target.databaseUrl) return postgres(target.databaseUrl, { max: 1, onnotice: () => {} });
  if (!target.dataDir) throw new Error('Need databaseUrl or dataDir');
  return postgres({
    path: path.join(target.dataDir, '.s.PGSQL.5432'),
    max: 1,
    // Unnamed statements only: the embedded database has one session for every client.
    prepare: false,
    database: 'postgres',
    username: 'postgres',
    onnotice: () => {},
  });
}
