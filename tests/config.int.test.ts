import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './harness/portal-server';

const root = path.resolve(import.meta.dirname, '..');

/** Starts the production entry with `env` and resolves with its exit code and output. */
function startExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: tempDir('config'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('configuration at start-up', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ SMTP_URL: 'http://mail.example' }, 'SMTP_URL'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
  ])('stops with one line naming the variable: %j', async (env, variable) => {
    const { code, output } = await startExpectingExit(env);
    expect(code).toBe(1);
    const lines = output.trim().split('\n').filter((l) => l.includes('Invalid configuration'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect(output).not.toMatch(/\n\s+at /);
  });
});
