import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { db } from '@/db';
import { webauthnChallenges, type ChallengePurpose } from '@/db/schema';
import { hashToken } from './tokens';

/** Long enough to touch a security key or unlock a phone, short enough to be useless later. */
export const CHALLENGE_SECONDS = 5 * 60;

export async function storeChallenge(challenge: string, purpose: ChallengePurpose, userId: string | null, now = new Date()): Promise<void> {
  await db()
    .insert(webauthnChallenges)
    .values({ challengeHash: hashToken(challenge), purpose, userId, expiresAt: new Date(now.getTime() + CHALLENGE_SECONDS * 1000) });
}

/**
 * Spends a challenge: true once, for the purpose and user it was issued for, before it expires.
 * The delete is the check, so two responses to one challenge cannot both pass.
 */
export async function takeChallenge(challenge: string, purpose: ChallengePurpose, userId: string | null, now = new Date()): Promise<boolean> {
  if (challenge.length === 0 || challenge.length > 200) return false;
  const taken = await db()
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.challengeHash, hashToken(challenge)),
        eq(webauthnChallenges.purpose, purpose),
        userId ? eq(webauthnChallenges.userId, userId) : isNull(webauthnChallenges.userId),
        gt(webauthnChallenges.expiresAt, now),
      ),
    )
    .returning({ purpose: webauthnChallenges.purpose });
  return taken.length === 1;
}

export async function purgeExpiredChallenges(now = new Date()): Promise<void> {
  await db().delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now));
}
