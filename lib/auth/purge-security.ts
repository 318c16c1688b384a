import { purgeEmailChanges } from './email-change';
import { purgeExpiredPendingSignIns } from './pending-sign-in';
import { purgeExpiredChallenges } from './webauthn-challenges';

/** Expired half-signed-in states, WebAuthn challenges and email-change links. */
export async function purgeExpiredSecurityState(): Promise<void> {
  await purgeExpiredPendingSignIns();
  await purgeExpiredChallenges();
  await purgeEmailChanges();
}
