import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedTestDb } from './embedded-test-db';

let cleanup: () => Promise<void>;
let userId: string;

beforeAll(async () => {
  cleanup = await openEmbeddedTestDb();
  const { db } = await import('@/db');
  const { users } = await import('@/db/schema');
  const [row] = await db().insert(users).values({ email: 'unit@example.com' }).returning({ id: users.id });
  userId = row!.id;
}, 60_000);
afterAll(() => cleanup?.());

describe('recovery codes', () => {
  it('each code works once, typed in any case and with or without the dash', async () => {
    const { db } = await import('@/db');
    const { regenerateRecoveryCodes, spendRecoveryCode } = await import('./recovery-codes');
    const codes = await regenerateRecoveryCodes(userId, db());
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(await spendRecoveryCode(userId, codes[0]!.toLowerCase().replace('-', ''))).toBe(true);
    expect(await spendRecoveryCode(userId, codes[0]!)).toBe(false);
    expect(await spendRecoveryCode(userId, codes[1]!)).toBe(true);
  });

  it('regenerating invalidates every code of the old set', async () => {
    const { db } = await import('@/db');
    const { regenerateRecoveryCodes, spendRecoveryCode } = await import('./recovery-codes');
    const old = await regenerateRecoveryCodes(userId, db());
    const fresh = await regenerateRecoveryCodes(userId, db());
    expect(await spendRecoveryCode(userId, old[5]!)).toBe(false);
    expect(await spendRecoveryCode(userId, fresh[5]!)).toBe(true);
  });

  it('stores only hashes', async () => {
    const { db } = await import('@/db');
    const { recoveryCodes } = await import('@/db/schema');
    const { regenerateRecoveryCodes } = await import('./recovery-codes');
    const codes = await regenerateRecoveryCodes(userId, db());
    const rows = await db().select({ hash: recoveryCodes.codeHash }).from(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    expect(rows.map((r) => r.hash)).not.toContain(codes[0]);
  });
});

describe('WebAuthn challenges', () => {
  it('is accepted once, only for its purpose and user', async () => {
    const { storeChallenge, takeChallenge } = await import('./webauthn-challenges');
    await storeChallenge('challenge-a', 'register', { userId });
    expect(await takeChallenge('challenge-a', 'authenticate', { userId })).toBe(false);
    expect(await takeChallenge('challenge-a', 'register', { binding: 'browser-1' })).toBe(false);
    expect(await takeChallenge('challenge-a', 'register', { userId })).toBe(true);
    expect(await takeChallenge('challenge-a', 'register', { userId })).toBe(false);
  });

  it('a sign-in challenge is accepted only with the binding it was issued with, and stays for that browser', async () => {
    const { storeChallenge, takeChallenge } = await import('./webauthn-challenges');
    await storeChallenge('challenge-d', 'authenticate', { binding: 'browser-1' });
    expect(await takeChallenge('challenge-d', 'authenticate', { binding: 'browser-2' })).toBe(false);
    expect(await takeChallenge('challenge-d', 'authenticate', { binding: '' })).toBe(false);
    expect(await takeChallenge('challenge-d', 'authenticate', { userId })).toBe(false);
    expect(await takeChallenge('challenge-d', 'authenticate', { binding: 'browser-1' })).toBe(true);
  });

  it('expires after 5 minutes', async () => {
    const { CHALLENGE_SECONDS, storeChallenge, takeChallenge } = await import('./webauthn-challenges');
    const issued = new Date('2030-01-01T00:00:00Z');
    await storeChallenge('challenge-b', 'authenticate', { binding: 'browser-1' }, issued);
    await storeChallenge('challenge-c', 'authenticate', { binding: 'browser-1' }, issued);
    const justBefore = new Date(issued.getTime() + CHALLENGE_SECONDS * 1000 - 1000);
    const after = new Date(issued.getTime() + CHALLENGE_SECONDS * 1000 + 1000);
    expect(await takeChallenge('challenge-b', 'authenticate', { binding: 'browser-1' }, after)).toBe(false);
    expect(await takeChallenge('challenge-c', 'authenticate', { binding: 'browser-1' }, justBefore)).toBe(true);
  });
});
