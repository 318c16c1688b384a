import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { TEST_AUTH_SECRET, tempDir } from './harness/portal-server';

// Without SMTP_URL a production deployment kept live reset and
// invitation links in mail_outbox, in plain text and for ever.
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const root = path.resolve(import.meta.dirname, '..');

/** Starts the production entry with `env` and resolves with its exit code and output. */
function startExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      env: { ...process.env, SMTP_URL: '', MAIL_OUTBOX: '', DATA_DIR: tempDir('mail-config'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('mail outbox in production', () => {
  it('a production deployment on PostgreSQL without SMTP_URL or MAIL_OUTBOX=1 stops with one line naming SMTP_URL', async () => {
    // Nothing listens on port 1: the configuration must be refused before any connection is tried.
    const { code, output } = await startExpectingExit({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
      AUTH_SECRET: TEST_AUTH_SECRET,
    });
    expect(code).toBe(1);
    const lines = output.trim().split('\n').filter((l) => l.includes('Invalid configuration'));
    expect(lines).toEqual([
      'Invalid configuration: SMTP_URL is required when DATABASE_URL is set in production (or set MAIL_OUTBOX=1 to keep mails in the outbox table)',
    ]);
    expect(output).not.toContain('ECONNREFUSED');
  });

  it('outbox mails older than 24 hours are purged; newer ones stay', async () => {
    const to = `outbox-${randomUUID()}@example.com`;
    await sql`insert into mail_outbox (id, "to", subject, text, html, created_at) values
      (${randomUUID()}, ${to}, 'old', 'https://portal.example/reset-password?token=old', '', now() - interval '25 hours'),
      (${randomUUID()}, ${to}, 'new', 'https://portal.example/reset-password?token=new', '', now() - interval '23 hours')`;
    await cli(portalDb, 'purge');
    const rows = await sql`select subject from mail_outbox where "to" = ${to}`;
    expect(rows.map((r) => r.subject)).toEqual(['new']);
  });
});
