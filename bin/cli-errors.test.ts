import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@/lib/config';
import { conflict, notFound } from '@/lib/domain/errors';
import { describeFailure } from './cli-errors';
import { UsageError } from './cli-support';

const client = new PGlite();
const db = drizzle(client);
// Starting PGlite takes seconds on a busy machine: not part of any test's time.
beforeAll(() => client.waitReady, 120_000);
afterAll(() => client.close());

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';

/** The error a real query raises, as drizzle wraps it (its message holds the SQL and parameters). */
async function failedQuery(query: Parameters<typeof db.execute>[0]): Promise<unknown> {
  try {
    await db.execute(query);
  } catch (err) {
    return err;
  }
  throw new Error('The query did not fail');
}

describe('describeFailure (the CLI error line)', () => {
  it('shows a missing table with what to run, never the query or its parameters (a password hash)', async () => {
    const err = await failedQuery(sql`insert into users (email, password_hash) values (${'a@example.com'}, ${HASH})`);
    expect(String((err as Error).message)).toContain(HASH); // what the CLI printed before
    const { line, exitCode } = describeFailure(err);
    expect(line).toBe('Database error 42P01: relation "users" does not exist. The database is not up to date: run `npm run -s cli -- migrate`.');
    expect(line).not.toContain(HASH);
    expect(line).not.toMatch(/insert|a@example\.com|params/i);
    expect(exitCode).toBe(1);
  });

  it('shows other database errors by their code and PostgreSQL message only', async () => {
    await db.execute(sql`create table people (email text primary key)`);
    await db.execute(sql`insert into people values (${'b@example.com'})`);
    const err = await failedQuery(sql`insert into people values (${'b@example.com'})`);
    const { line } = describeFailure(err);
    expect(line).toBe('Database error 23505: duplicate key value violates unique constraint "people_pkey".');
    expect(line).not.toContain('b@example.com');
  });

  it('prints usage and configuration mistakes as they are, with exit code 2', () => {
    expect(describeFailure(new UsageError('--email: is required'))).toEqual({ line: '--email: is required', exitCode: 2 });
    expect(describeFailure(new ConfigError('Invalid configuration: PORT x'))).toEqual({ line: 'Invalid configuration: PORT x', exitCode: 2 });
  });

  it('prints a domain rule\u2019s refusal as its message, with exit code 2', () => {
    expect(describeFailure(conflict('An application with key "crm" already exists.'))).toEqual({
      line: 'An application with key "crm" already exists.',
      exitCode: 2,
    });
    expect(describeFailure(notFound('A client with a secret'))).toEqual({ line: 'A client with a secret was not found.', exitCode: 2 });
  });

  it('prints other errors with their cause, but no cause that carries a query', () => {
    expect(describeFailure(new Error('Mail not sent', { cause: new Error('connect ECONNREFUSED') })).line).toBe(
      'Error: Mail not sent (connect ECONNREFUSED)',
    );
    const query = Object.assign(new Error('Failed query: select $1\nparams: secret'), { query: 'select $1', params: ['secret'] });
    expect(describeFailure(new Error('Could not save', { cause: query })).line).toBe('Error: Could not save');
  });
});
