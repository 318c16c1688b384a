import { sqlState } from '@/db/errors';
import { ConfigError } from '@/lib/config';
import { DomainError } from '@/lib/domain/errors';
import { UsageError } from './cli-support';

/** The error and its causes, outermost first. */
function chain(err: unknown): Error[] {
  const errors: Error[] = [];
  for (let e = err; e instanceof Error && errors.length < 5; e = e.cause) errors.push(e);
  return errors;
}

/** What a failed query carries besides its message: the SQL and its parameters (a password hash, a token). */
function carriesQuery(err: Error): boolean {
  return err.name === 'DrizzleQueryError' || err.message.startsWith('Failed query:') || 'query' in err || 'params' in err || 'parameters' in err;
}

const NOT_MIGRATED = new Set(['42P01', '42703', '3F000']); // undefined table, column, schema

/**
 * The one line the CLI prints for a failure, and its exit code (2: the caller's mistake). A
 * domain rule's refusal is the caller's mistake too: the operator at the machine is a platform
 * actor, so what is left is a conflict, a missing thing or an invalid value. A database error
 * shows PostgreSQL's own message only: never the query or its parameters.
 */
export function describeFailure(err: unknown): { line: string; exitCode: number } {
  // parseArgs reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS_* code.
  if (err instanceof UsageError || err instanceof DomainError || err instanceof ConfigError || (err instanceof TypeError && 'code' in err)) {
    return { line: err.message, exitCode: 2 };
  }
  const errors = chain(err);
  const database = errors.find((e) => sqlState(e));
  if (database) {
    const code = sqlState(database)!;
    const hint = NOT_MIGRATED.has(code) ? ' The database is not up to date: run `npm run -s cli -- migrate`.' : '';
    return { line: `Database error ${code}: ${database.message.split('\n')[0]}.${hint}`, exitCode: 1 };
  }
  const shown = errors.filter((e) => !carriesQuery(e)).map((e) => e.message.split('\n')[0]);
  return { line: shown.length ? `Error: ${shown.join(' (')}${')'.repeat(shown.length - 1)}` : 'Error: a database query failed.', exitCode: 1 };
}
