import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db';
import { mailOutbox } from '@/db/schema';
import { emailSchema, nameSchema } from '@/lib/auth/email-address';
import { newPasswordSchema } from '@/lib/auth/password-policy';
import { OPERATOR } from '@/lib/domain/actor';
import { resetSecondFactors } from '@/lib/auth/second-factor-reset';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { createVerifiedUser } from '@/lib/users/create-user';
import { parse, UsageError, type Output } from '../cli-support';

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

export async function userCreate(args: string[]): Promise<Output> {
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
}

export async function mailList(args: string[]): Promise<Output> {
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

export async function userReset2fa(args: string[]): Promise<Output> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const email = parse(emailSchema, values.email);
  const result = await resetSecondFactors(email, { by: `cli:${userInfo().username}`, actor: OPERATOR });
  if (!result) throw new UsageError(`No user with email ${email}`);
  return {
    json: { user_id: result.userId, had_totp: result.hadTotp },
    text: result.hadTotp ? `Reset the second factors of ${email}` : `${email} had no authenticator app; recovery codes cleared`,
  };
}
