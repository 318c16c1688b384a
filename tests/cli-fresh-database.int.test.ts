import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from './harness/accounts';
import { tempDir } from './harness/portal-server';

// `user create` before the first `npm start` printed a raw SQL error
// with the query and the password hash in it.
const root = path.resolve(import.meta.dirname, '..');

describe('the CLI on a fresh embedded database', () => {
  it('user create before the first start migrates the database first and creates the user', async () => {
    const env = { ...process.env, DATABASE_URL: '', DATA_DIR: tempDir('cli-fresh'), NODE_ENV: 'production' as const };
    const run = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/cli.ts', ...args], { cwd: root, env });
    const created = await run('user', 'create', '--email', 'first@example.com', '--password', PASSWORD, '--name', 'First', '--json');
    expect(created.stderr).not.toMatch(/Failed query|params:|\$argon2|insert into/i);
    const { user_id: userId, org_id: orgId } = JSON.parse(created.stdout) as { user_id: string; org_id: string };
    expect(userId).toMatch(/\S/);
    expect(orgId).toMatch(/\S/);
    // The same database, now with its tables: the user is there, and a second one with that address is refused.
    const again = await run('user', 'create', '--email', 'first@example.com', '--password', PASSWORD, '--name', 'First').catch((err: { code: number; stderr: string }) => err);
    expect('code' in again && again.code).toBe(2);
    expect((again as { stderr: string }).stderr).not.toMatch(/Failed query|params:|\$argon2/i);
  }, 180_000);
});
