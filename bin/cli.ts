import { parseArgs } from 'node:util';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { closeDb, connectForTool, db } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { mailOutbox } from '@/db/schema';
import { emailSchema, nameSchema } from '@/lib/auth/email-address';
import { newPasswordSchema } from '@/lib/auth/password-policy';
import { ConfigError } from '@/lib/config';
import { OrganizationNotFound } from '@/lib/orgs/organizations';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { createVerifiedUser, EmailTaken } from '@/lib/users/create-user';

/** A mistake of the caller's: printed as one line on stderr, exit code 2. */
class UsageError extends Error {}

const USAGE = `Usage: npm run -s cli -- <command> [options]

Commands:
  migrate                                  apply database migrations
  user create --email E --password P [--name N] [--org ORG_ID --role owner|admin|user] [--platform-admin]
  mail list [--to E]                       the dev outbox (mails kept when SMTP_URL is unset)

Every command accepts --json for machine-readable output.`;

type Output = { json: unknown; text: string };

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0] ?? 'input')}: ${issue.message}`);
  }
  return result.data;
}

const userCreateSchema = z
  .object({
    email: emailSchema,
    password: newPasswordSchema,
    name: nameSchema,
    org: z.string().min(1).optional(),
    role: z.enum(SYSTEM_ROLES).optional(),
    'platform-admin': z.boolean().optional(),
  })
  .refine((v) => !v.role || v.org, { message: '--role needs --org', path: ['role'] });

async function userCreate(args: string[]): Promise<Output> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string' },
      'platform-admin': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const input = parse(userCreateSchema, values);
  try {
    const result = await createVerifiedUser({
      email: input.email,
      password: input.password,
      name: input.name,
      org: input.org ? { id: input.org, role: input.role ?? 'user' } : undefined,
      platformAdmin: input['platform-admin'],
    });
    return {
      json: { user_id: result.userId, org_id: result.orgId },
      text: `Created user ${input.email} (${result.userId}) in organization ${result.orgId}`,
    };
  } catch (err) {
    if (err instanceof EmailTaken || err instanceof OrganizationNotFound) throw new UsageError(err.message);
    throw err;
  }
}

async function mailList(args: string[]): Promise<Output> {
  const { values } = parseArgs({ args, options: { to: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const to = values.to ? parse(emailSchema, values.to) : undefined;
  const rows = await db()
    .select()
    .from(mailOutbox)
    .where(to ? eq(mailOutbox.to, to) : undefined)
    .orderBy(desc(mailOutbox.createdAt))
    .limit(100);
  const json = rows.map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, created_at: m.createdAt.toISOString() }));
  const text = rows.length
    ? rows.map((m) => `${m.createdAt.toISOString()}  ${m.to}  ${m.subject}\n${m.text}`).join('\n')
    : 'The outbox is empty.';
  return { json, text };
}

async function migrate(): Promise<Output> {
  await migrateDatabase();
  return { json: { migrated: true }, text: 'Database is up to date.' };
}

async function run(argv: string[]): Promise<Output> {
  const [command, sub] = argv;
  const rest = argv.slice(2);
  if (command === 'migrate') return migrate();
  if (command === 'help' || command === '--help') return { json: { usage: USAGE }, text: USAGE };
  if (command === 'user' && sub === 'create') return userCreate(rest);
  if (command === 'mail' && sub === 'list') return mailList(rest);
  throw new UsageError(command ? `Unknown command: ${[command, sub].filter(Boolean).join(' ')}\n${USAGE}` : USAGE);
}

async function main() {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  try {
    await connectForTool();
    const out = await run(argv);
    process.stdout.write((json ? JSON.stringify(out.json) : out.text) + '\n');
    process.exitCode = 0;
  } catch (err) {
    const known = err instanceof UsageError || err instanceof ConfigError || (err instanceof TypeError && 'code' in err);
    process.stderr.write(`${known ? (err as Error).message : `Error: ${(err as Error).message}`}\n`);
    process.exitCode = known ? 2 : 1;
  } finally {
    await closeDb();
  }
}

await main();
