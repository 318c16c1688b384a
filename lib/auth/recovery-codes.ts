import { randomInt } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { recoveryCodes } from '@/db/schema';
import { hashToken } from './tokens';

export const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/I/L: codes are read off paper and typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** One code: 10 characters (~49 bits) shown as XXXXX-XXXXX. */
export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** What was typed, without case, spaces or dashes: the form that is hashed. */
export function normalizeRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '');
}

export function hashRecoveryCode(code: string): string {
  return hashToken(`recovery:${normalizeRecoveryCode(code)}`);
}

/** Replaces the user's codes with a fresh set (the old set stops working) and returns it. */
export async function regenerateRecoveryCodes(userId: string, exec: Executor): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await exec.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await exec.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
  return codes;
}

/** Spends one code: true once per code; the conditional update makes two racing uses spend it once. */
export async function spendRecoveryCode(userId: string, input: string, exec: Executor = db()): Promise<boolean> {
  const normalized = normalizeRecoveryCode(input);
  if (!/^[A-Z0-9]{10}$/.test(normalized)) return false;
  const spent = await exec
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(normalized)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return spent.length === 1;
}

export async function remainingRecoveryCodes(userId: string): Promise<number> {
  const rows = await db()
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}
