import { closeDb } from '@/db';
import { describeFailure } from './cli-errors';
import { printable, runCommand } from './cli-run';

async function main() {
  const argv = process.argv.slice(2);
  // stdout carries the command's answer alone (--json is parsed by scripts); logs, such as a mail
  // printed because SMTP_URL is unset, go to stderr.
  console.log = console.error;
  try {
    process.stdout.write(printable(argv, await runCommand(argv)) + '\n');
  } catch (err) {
    const { line, exitCode } = describeFailure(err);
    process.stderr.write(`${line}\n`);
    process.exitCode = exitCode;
  } finally {
    await closeDb();
  }
}

await main();
