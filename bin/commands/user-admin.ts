import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db';
import { users } from '@/db/schema';
import { emailSchema } from '@/lib/auth/email-address';
import { OPERATOR } from '@/lib/domain/actor';
import { grantPlatformAdmin, revokePlatformAdmin } from '@/lib/platform/platform-admins';
import { disableUser, enableUser } from '@/lib/platform/user-access';
import { listUserSessions, revokeAllUserSessions } from '@/lib/platform/user-sessions';
import { parse, UsageError, type Output } from '../cli-support';

// The operator's commands on one user, through the same rules as the console and the admin API.

const emailOptions = { email: { type: 'string' }, json: { type: 'boolean' } } as const;
const reasonSchema = z.string().trim().max(500, 'Use at most 500 characters.').optional();

async function userIdOf(email: string): Promise<string> {
  const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new UsageError(`No user with email ${email}`);
  return user.id;
}

export async function userDisable(args: string[]): Promise<Output> {
  const { values } = parseArgs({ args, options: { ...emailOptions, reason: { type: 'string' } }, strict: true });
  const email = parse(emailSchema, values.email);
  const reason = parse(reasonSchema, values.reason, () => 'reason');
  const result = await disableUser(OPERATOR, await userIdOf(email), reason || null);
  return {
    json: { user_id: result.userId, disabled: true, disabled_at: result.disabledAt?.toISOString() ?? null, reason: result.disabledReason },
    text: `Disabled ${email}: signed out everywhere, and cannot sign in until enabled again`,
  };
}

export async function userEnable(args: string[]): Promise<Output> {
  const { values } = parseArgs({ args, options: emailOptions, strict: true });
  const email = parse(emailSchema, values.email);
  const result = await enableUser(OPERATOR, await userIdOf(email));
  return { json: { user_id: result.userId, disabled: false }, text: `Enabled ${email}: they can sign in again` };
}

export async function userSessions(args: string[]): Promise<Output> {
  const { values } = parseArgs({ args, options: emailOptions, strict: true });
  const email = parse(emailSchema, values.email);
  const sessions = await listUserSessions(OPERATOR, await userIdOf(email));
  const json = sessions.map((s) => ({
    id: s.id,
    created_at: s.createdAt.toISOString(),
    last_seen_at: s.lastSeenAt.toISOString(),
    expires_at: s.expiresAt.toISOString(),
    ip: s.ip,
    user_agent: s.userAgent,
  }));
  const text = sessions.length
    ? sessions.map((s) => `${s.id}  last seen ${s.lastSeenAt.toISOString()}  ${s.ip ?? '-'}  ${s.userAgent ?? '-'}`).join('\n')
    : `${email} has no live session.`;
  return { json, text };
}

export async function userRevokeSessions(args: string[]): Promise<Output> {
  const { values } = parseArgs({ args, options: emailOptions, strict: true });
  const email = parse(emailSchema, values.email);
  const { ended } = await revokeAllUserSessions(OPERATOR, await userIdOf(email));
  return { json: { ended }, text: `Ended ${ended} session(s) of ${email}` };
}

export async function userAdmin(args: string[]): Promise<Output> {
  const { values, positionals } = parseArgs({ args, options: emailOptions, strict: true, allowPositionals: true });
  const action = positionals[0];
  if (positionals.length !== 1 || (action !== 'grant' && action !== 'revoke')) throw new UsageError('Usage: user admin grant|revoke --email E');
  const email = parse(emailSchema, values.email);
  const userId = await userIdOf(email);
  const result = action === 'grant' ? await grantPlatformAdmin(OPERATOR, userId) : await revokePlatformAdmin(OPERATOR, userId);
  return {
    json: { user_id: result.userId, platform_admin: result.platformAdmin },
    text: result.platformAdmin ? `${email} is a platform administrator` : `${email} is not a platform administrator`,
  };
}
