/**
 * One long-lived CLI for a test run (started by startCliHost in ./cli.ts): it runs the CLI's own
 * command functions, on the database its environment names, for each command line POSTed to it,
 * and answers what the CLI would have printed and its exit code. Starting a process per command
 * costs seconds of CPU each (loading TypeScript); the binary itself keeps tests of its own.
 */
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeFailure } from '@/bin/cli-errors';
import { printable, runCommand } from '@/bin/cli-run';

export type CliHostAnswer = { code: 0; stdout: string } | { code: number; stderr: string };

/**
 * A CLI process answers after closing its database connection and exiting, by when the portal has
 * long had the NOTIFYs of its commits (a disabled client, a new role). Answering the moment the
 * command returns would let a test's next request to the portal race them, which no operator at
 * a terminal can do; this pause stands in for that exit.
 */
const EXIT_PAUSE_MS = 100;

async function answer(argv: string[]): Promise<CliHostAnswer> {
  try {
    return { code: 0, stdout: printable(argv, await runCommand(argv)) };
  } catch (err) {
    const { line, exitCode } = describeFailure(err);
    return { code: exitCode, stderr: line };
  } finally {
    await sleep(EXIT_PAUSE_MS);
  }
}

// As in bin/cli.ts: the answer is the command's output alone; logs go to stderr.
console.log = console.error;

const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const { argv } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { argv: string[] };
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(await answer(argv)));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`${address.port}\n`);
});
