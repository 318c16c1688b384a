'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { nameSchema } from '@/lib/auth/email-address';
import { recordAudit } from '@/lib/audit/log';
import { currentUser } from '@/lib/auth/current-user';
import { mfaRedirectPath } from '@/lib/auth/mfa-requirement';
import { newPasswordSchema } from '@/lib/auth/password-policy';
import { currentSession, currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { deleteSession, sessionCookieName } from '@/lib/auth/sessions';
import { signUpFromInvitation } from '@/lib/auth/sign-up';
import { accountAction } from '@/lib/forms/account-action';
import { validatedAction } from '@/lib/forms/validated-action';
import { acceptInvitation } from '@/lib/orgs/invitations-accept';
import { invitationPath } from '@/lib/orgs/invitations';
import { continueSignedIn } from '../continue-signed-in';
import { localized, tooManyAttempts } from '../form-errors';

const token = z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/);

/** Owners and admins land in the console of the organization they joined; members on their account. */
function landingFor(orgId: string, role: string): string {
  return role === 'owner' || role === 'admin' ? `/org/${orgId}/members?joined=1` : '/account';
}

export const acceptInvitationAction = accountAction(({ token }) => invitationPath(token), z.object({ token }), async ({ token }, user) => {
  const result = await acceptInvitation(token, user.id, await requestMeta());
  if (!result.ok) {
    const t = await getTranslations('auth');
    if (result.reason === 'wrong_account') return { formError: t('invitation.wrongAccountError', { email: result.invitedEmail }) };
    return { formError: t('invitation.unusable') };
  }
  const landing = landingFor(result.orgId, result.role);
  // The organization just joined may require two-factor authentication.
  const session = await currentSession();
  redirect((session && (await mfaRedirectPath(session, landing))) ?? landing);
});

export const invitedSignUpAction = localized(validatedAction(
  z.object({ token, name: nameSchema, password: newPasswordSchema }),
  async ({ token, name, password }) => {
    const result = await signUpFromInvitation({ token, name, password, locale: await getLocale() }, await requestMeta());
    if (!result.ok) {
      if (result.reason === 'rate_limited') return tooManyAttempts(result.retryAfterSeconds);
      const t = await getTranslations('auth');
      return { formError: result.reason === 'email_taken' ? t('invitation.emailTaken') : t('invitation.unusable') };
    }
    return continueSignedIn({ ok: true, step: 'done', userId: result.userId, sessionToken: result.sessionToken, expires: result.expires }, '/account?joined=1');
  },
));

/** Signs out of the wrong account and comes back to the invitation. */
export const signOutForInvitationAction = validatedAction(z.object({ token }), async ({ token }) => {
  const sessionToken = await currentSessionToken();
  if (sessionToken) {
    const user = await currentUser();
    await deleteSession(sessionToken);
    if (user) await recordAudit('user.sign_out', { userId: user.id, meta: await requestMeta() });
  }
  (await cookies()).delete(sessionCookieName());
  redirect(invitationPath(token));
});
