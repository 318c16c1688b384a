import { consumeAll, type LimitName } from '@/lib/auth/rate-limit';
import type { Actor } from '@/lib/domain/actor';
import { tooManyRequests, waitValues } from '@/lib/domain/errors';

/** A link is not mailed again to the same invitation sooner than this. */
export const RESEND_INTERVAL_MS = 60 * 1000;

function actorKey(actor: Actor): string | null {
  if (actor.kind === 'user') return `user:${actor.userId}`;
  if (actor.kind === 'client') return `client:${actor.clientId}`;
  // The operator runs the CLI on the server itself: the organization and recipient limits still apply.
  return null;
}

/**
 * Spends one invitation mail of the actor, the organization and the recipient's address before it
 * is sent (spent first, so parallel requests cannot all pass); refused with 429 past any limit.
 */
export async function spendInvitationMail(actor: Actor, orgId: string, email: string): Promise<void> {
  const key = actorKey(actor);
  const pairs: Array<[LimitName, string]> = [
    ...(key ? [['invitationActor', key] as [LimitName, string]] : []),
    ['invitationOrg', orgId],
    ['invitationRecipient', email],
  ];
  const limited = await consumeAll(pairs);
  if (!limited.ok) throw tooManyRequests({ key: 'tooManyInvitationMails', values: waitValues(limited.retryAfterSeconds) });
}

/** Refuses a resend within a minute of the last mail of the same invitation. */
export function assertResendAllowed(lastSentAt: Date, now = new Date()): void {
  const wait = lastSentAt.getTime() + RESEND_INTERVAL_MS - now.getTime();
  if (wait > 0) throw tooManyRequests({ key: 'invitationJustSent', values: waitValues(Math.ceil(wait / 1000)) });
}
