'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { askToConfirm, confirmation, idSchema } from '@/app/org/org-action';
import { requestMeta } from '@/lib/auth/request-context';
import { grantPlatformAdmin, revokePlatformAdmin } from '@/lib/platform/platform-admins';
import { disableUser, enableUser } from '@/lib/platform/user-access';
import { deleteUser, sendUserPasswordReset, verifyUserEmail } from '@/lib/platform/user-account';
import { revokeAllUserSessions, revokeUserGrant, revokeUserSession } from '@/lib/platform/user-sessions';
import { getUser, resetUserSecondFactors } from '@/lib/platform/users';
import type { FormState } from '@/lib/forms/form-state';
import { adminAction } from '../../../admin-action';

// Every action names its user in the form; the console's access is checked on /admin/users (the
// same rule for every user page) before the form is read.
const RETURN = '/admin/users';
const user = z.object({ userId: idSchema });
const confirmed = user.extend(confirmation.shape);

const text = () => getTranslations('adminUsers.actions');

/** What the user page says after an action whose form goes away with it (a session ended, a reset done). */
export type DoneNotice = 'emailVerified' | 'factorsReset' | 'sessionEnded' | 'sessionsEnded' | 'grantRevoked';

/** Back to the user page with its notice, focused there (FocusedAlert), with or without JavaScript. */
function done(userId: string, notice: DoneNotice): never {
  redirect(`/admin/users/${encodeURIComponent(userId)}?done=${notice}`);
}

/**
 * Disabling and enabling are one action (the same form, whichever the account's state), so its
 * answer stays on the page after the form turns into the other one. Disabling asks first and
 * shows the reason back; the confirmed press disables (sessions and grants end at once).
 */
export const setAccessAction = adminAction(
  RETURN,
  confirmed.extend({ to: z.enum(['disable', 'enable']), reason: z.string().trim().max(500, 'atMost').optional().default('') }),
  async ({ actor }, { userId, to, reason, confirmed: yes }): Promise<FormState> => {
    const t = await text();
    const { email } = await getUser(actor, userId);
    if (to === 'enable') {
      await enableUser(actor, userId, await requestMeta());
      return { notice: t('enabled', { email }), values: {} };
    }
    if (yes !== 'yes') return { ...askToConfirm(t('disableQuestion', { email })), values: { confirmed: 'yes', reason } };
    await disableUser(actor, userId, reason || null, await requestMeta());
    return { notice: t('disabled', { email }), values: {} };
  },
);

export const sendPasswordResetAction = adminAction(RETURN, user, async ({ actor }, { userId }) => {
  const t = await text();
  const { email } = await getUser(actor, userId);
  await sendUserPasswordReset(actor, userId, await requestMeta());
  return { notice: t('resetSent', { email }) };
});

export const verifyEmailAction = adminAction(RETURN, confirmed, async ({ actor }, { userId, confirmed: yes }) => {
  const t = await text();
  const { email } = await getUser(actor, userId);
  if (yes !== 'yes') return askToConfirm(t('verifyQuestion', { email }));
  await verifyUserEmail(actor, userId, await requestMeta());
  done(userId, 'emailVerified');
});

/**
 * Making and removing a platform administrator, one action for the same reason as setAccessAction.
 * Removing oneself is allowed (the domain only keeps the last one): the console then closes to
 * them, so they go to their account.
 */
export const setPlatformAdminAction = adminAction(
  RETURN,
  confirmed.extend({ to: z.enum(['grant', 'revoke']) }),
  async ({ actor }, { userId, to, confirmed: yes }) => {
    const t = await text();
    const { email } = await getUser(actor, userId);
    const self = actor.userId === userId;
    if (yes !== 'yes') {
      if (to === 'grant') return askToConfirm(t('grantAdminQuestion', { email }));
      return askToConfirm(self ? t('revokeOwnAdminQuestion') : t('revokeAdminQuestion', { email }));
    }
    if (to === 'grant') {
      await grantPlatformAdmin(actor, userId, await requestMeta());
      return { notice: t('adminGranted', { email }), values: {} };
    }
    await revokePlatformAdmin(actor, userId, await requestMeta());
    if (self) redirect('/account');
    return { notice: t('adminRevoked', { email }), values: {} };
  },
);

export const resetSecondFactorsAction = adminAction(RETURN, confirmed, async ({ actor }, { userId, confirmed: yes }) => {
  const t = await text();
  const { email } = await getUser(actor, userId);
  if (yes !== 'yes') return askToConfirm(t('resetFactorsQuestion', { email }));
  await resetUserSecondFactors(actor, userId, await requestMeta());
  done(userId, 'factorsReset');
});

export const endSessionAction = adminAction(RETURN, confirmed.extend({ sessionId: z.string().min(1).max(200) }), async ({ actor }, { userId, sessionId, confirmed: yes }) => {
  const t = await text();
  if (yes !== 'yes') return askToConfirm(t('endSessionQuestion'));
  await revokeUserSession(actor, userId, sessionId, await requestMeta());
  done(userId, 'sessionEnded');
});

export const endAllSessionsAction = adminAction(RETURN, confirmed, async ({ actor }, { userId, confirmed: yes }) => {
  const t = await text();
  if (yes !== 'yes') return askToConfirm(t('endAllQuestion'));
  await revokeAllUserSessions(actor, userId, await requestMeta());
  done(userId, 'sessionsEnded');
});

export const revokeGrantAction = adminAction(RETURN, confirmed.extend({ clientId: z.string().min(1).max(200), name: z.string().max(200).optional().default('') }), async ({ actor }, { userId, clientId, name, confirmed: yes }) => {
  const t = await text();
  if (yes !== 'yes') return askToConfirm(t('revokeGrantQuestion', { name }));
  await revokeUserGrant(actor, userId, clientId, await requestMeta());
  done(userId, 'grantRevoked');
});

/** The typed address is the confirmation; the domain refuses platform administrators and last owners. */
export const deleteUserAction = adminAction(
  RETURN,
  user.extend({ confirmEmail: z.string().trim().max(320).optional().default('') }),
  async ({ actor }, { userId, confirmEmail }) => {
    const t = await text();
    const { email } = await getUser(actor, userId);
    if (confirmEmail.toLowerCase() !== email.toLowerCase()) {
      return { fieldErrors: { confirmEmail: t('deleteMismatch', { email }) }, values: { confirmEmail } };
    }
    await deleteUser(actor, userId, await requestMeta());
    redirect('/admin/users?deleted=1');
  },
);
