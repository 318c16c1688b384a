import { hasSecondFactor, organizationRequiresMfa, type MfaRequirement } from '@/lib/auth/mfa-requirement';
import { config } from '@/lib/config';

/**
 * Whether a platform administrator's session meets the console's second-factor rule: a session
 * whose amr has `mfa` always does; otherwise only when neither ADMIN_REQUIRE_MFA nor an
 * organization of theirs asks for one.
 */
export async function platformMfaRequirement(
  session: { userId: string; amr: readonly string[] },
  adminRequireMfa = config().adminRequireMfa,
): Promise<MfaRequirement> {
  if (session.amr.includes('mfa')) return 'met';
  if (!adminRequireMfa && !(await organizationRequiresMfa(session.userId))) return 'met';
  return (await hasSecondFactor(session.userId)) ? 'step_up' : 'enroll';
}
