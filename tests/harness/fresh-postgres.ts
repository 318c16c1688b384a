import { randomUUID } from 'node:crypto';
import postgres from 'postgres';

/**
 * A database of its own on the machine's PostgreSQL (the server of DATABASE_URL, or the local
 * one), for tests that need several processes on one PostgreSQL whichever database the suite runs on.
 */
export function freshPostgresDatabase(prefix: string) {
  const server = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432');
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  const onServer = async (statement: string) => {
    const sql = postgres(Object.assign(new URL(server), { pathname: '/postgres' }).toString(), { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(statement);
    } finally {
      await sql.end();
    }
  };
  return {
    name,
    url,
    create: () => onServer(`create database ${name}`),
    drop: () => onServer(`drop database if exists ${name} with (force)`),
  };
}
