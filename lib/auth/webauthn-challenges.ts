import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { db } from '@/db';
import { webauthnChallenges, type ChallengePurpose } from '@/db/schema';
import { hashToken } from './tokens';

/** Long enough to touch a security key or unlock a phone, short enough to be useless later. */
export const CHALLENGE_SECONDS = 5 * 60;

/**
 * Who may answer a challenge: the signed-in user it was issued to (registration, re-authentication)
 * or, for a sign-in, the browser holding the random `binding` value it was issued with (a cookie).
 */
export type ChallengeOwner = { userId: string } | { binding: string };

const ownerColumns = (owner: ChallengeOwner) =>
  'userId' in owner ? { userId: owner.userId, bindingHash: null } : { userId: null, bindingHash: hashToken(owner.binding) };

export async function storeChallenge(challenge: string, purpose: ChallengePurpose, owner: ChallengeOwner, now = new Date()): Promise<void> {
  await db()
    .insert(webauthnChallenges)
    .values({ challengeHash: hashToken(challenge), purpose, ...ownerColumns(owner), expiresAt: new Date(now.getTime() + CHALLENGE_SECONDS * 1000) });
}

/**
 * Spends a challenge: true once, for the purpose and owner it was issued for, before it expires.
 * The delete is the check, so two responses to one challenge cannot both pass; a response from
 * another browser leaves the challenge to the one it was issued to.
 */
export async function takeChallenge(challenge: string, purpose: ChallengePurpose, owner: ChallengeOwner, now = new Date()): Promise<boolean> {
  if (challenge.length === 0 || challenge.length > 200) return false;
  if ('binding' in owner && (owner.binding.length === 0 || owner.binding.length > 200)) return false;
  const { userId, bindingHash } = ownerColumns(owner);
  const taken = await db()
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.challengeHash, hashToken(challenge)),
        eq(webauthnChallenges.purpose, purpose),
        userId ? eq(webauthnChallenges.userId, userId) : isNull(webauthnChallenges.userId),
        bindingHash ? eq(webauthnChallenges.bindingHash, bindingHash) : isNull(webauthnChallenges.bindingHash),
        gt(webauthnChallenges.expiresAt, now),
      ),
    )
    .returning({ purpose: webauthnChallenges.purpose });
  return taken.length === 1;
}

export async function purgeExpiredChallenges(now = new Date()): Promise<void> {
  await db().delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now));
}
