'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { authenticationOptions, deletePasskey, registerPasskey, registrationOptions, renamePasskey, authenticatePasskey } from '@/lib/auth/passkeys';
import { markReauthenticated, recentlyAuthenticated } from '@/lib/auth/reauth';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { safeReturnPath } from '@/lib/auth/return-path';
import { enrollTotpInSession } from '@/lib/auth/step-up';
import { disableTotp, newRecoveryCodeSet, totpSetupPath } from '@/lib/auth/two-factor';
import { authenticationResponseSchema, registrationResponseSchema } from '@/lib/auth/webauthn-schemas';
import { accountAction, accountFormAction } from '@/lib/forms/account-action';
import type { FormState } from '@/lib/forms/form-state';
import { fieldErrorsOf } from '@/lib/forms/validated-action';
import { reauthPath, requireRecentAuth } from '../recent-auth';

const PAGE = '/account/security';

export type CodesState = FormState & { recoveryCodes?: string[] };

const noFields = z.object({});

const totpSetup = z.object({
  code: z.string().trim().min(1, 'enterAppCode').max(12, 'codeTooLong'),
  // Where the setup page leads on afterwards: a value the page did not render is ignored, not refused.
  next: z.string().max(2048).optional().catch(undefined),
  required: z.string().optional().catch(undefined),
});

export const confirmTotpAction = accountAction<typeof totpSetup, CodesState>(PAGE, totpSetup, async ({ code, next, required }, user) => {
  // Like every other new way into the account, turning on TOTP needs a recent sign-in.
  await requireRecentAuth(totpSetupPath(safeReturnPath(next, PAGE), required === '1'));
  const result = await enrollTotpInSession(user.id, code, await requestMeta(), await currentSessionToken());
  if (!result.ok) {
    const t = await getTranslations('security.errors');
    if (result.reason === 'no_enrollment') return { formError: t('noEnrollment') };
    return { fieldErrors: { code: t('codeWrong') } };
  }
  return { recoveryCodes: result.recoveryCodes };
});

export const regenerateCodesAction = accountAction<typeof noFields, CodesState>(PAGE, noFields, async (_data, user) => {
  await requireRecentAuth(PAGE);
  const codes = await newRecoveryCodeSet(user.id, await requestMeta());
  if (!codes) return { formError: (await getTranslations('security.errors'))('totpOff') };
  return { recoveryCodes: codes };
});

export const disableTotpAction = accountFormAction(PAGE, noFields, async (_data, user) => {
  await requireRecentAuth(PAGE);
  await disableTotp(user.id, await requestMeta());
  redirect(`${PAGE}?notice=2fa-off`);
});

// A new passkey is a new way into the account: like removing one, it needs a recent sign-in.
export async function passkeyRegistrationOptionsAction() {
  const user = await requireUser(PAGE);
  await requireRecentAuth(PAGE);
  return registrationOptions(user);
}

// Catalogue keys: validatedAction (fieldErrorsOf) shows them in the page's language.
const nameField = z.string().trim().min(1, 'passkeyName').max(60, 'atMost');

export async function registerPasskeyAction(input: unknown, name: unknown): Promise<{ ok: boolean; error?: string }> {
  const user = await requireUser(PAGE);
  await requireRecentAuth(PAGE);
  const response = registrationResponseSchema.safeParse(input);
  const label = nameField.safeParse(name);
  const t = await getTranslations('security.errors');
  if (!response.success) return { ok: false, error: t('unreadable') };
  if (!label.success) return { ok: false, error: (await fieldErrorsOf(label.error.issues)).form };
  const result = await registerPasskey(user.id, response.data, label.data, await requestMeta());
  if (result.ok) return { ok: true };
  return { ok: false, error: t(result.reason) };
}

export const renamePasskeyAction = accountAction(PAGE, z.object({ id: z.string().min(1).max(1024), name: nameField }), async ({ id, name }, user) => {
  const t = await getTranslations('security.errors');
  if (!(await renamePasskey(user.id, id, name, await requestMeta()))) return { formError: t('passkeyGone') };
  return { notice: t('renamed') };
});

export const deletePasskeyAction = accountFormAction(PAGE, z.object({ id: z.string().min(1).max(1024) }), async ({ id }, user) => {
  // Removing the last passkey can remove the way this account signs in: confirm it is the owner.
  // deletePasskey counts the passkeys in its own transaction, so two racing deletes cannot both skip this.
  const removed = await deletePasskey(user.id, id, await requestMeta(), await recentlyAuthenticated(await currentSessionToken()));
  if (removed === 'reauth_required') redirect(reauthPath(`${PAGE}?confirmDelete=${encodeURIComponent(id)}`));
  redirect(`${PAGE}?notice=${removed ? 'passkey-removed' : 'passkey-not-found'}`);
});

export async function passkeyReauthOptionsAction() {
  const user = await requireUser(PAGE);
  return authenticationOptions({ userId: user.id });
}

export async function passkeyReauthAction(input: unknown, next: unknown): Promise<{ redirectTo?: string; error?: string }> {
  const user = await requireUser(PAGE);
  const response = authenticationResponseSchema.safeParse(input);
  const t = await getTranslations('security.errors');
  if (!response.success) return { error: t('unreadable') };
  const result = await authenticatePasskey(response.data, { userId: user.id });
  if (!result.ok) {
    if (result.reason === 'other_user') return { error: t('otherUser') };
    return { error: t(result.reason === 'expired' ? 'expired' : 'invalid') };
  }
  const token = await currentSessionToken();
  if (token) await markReauthenticated(token, user.id, await requestMeta(), 'passkey');
  return { redirectTo: safeReturnPath(typeof next === 'string' ? next : undefined, PAGE) };
}
