'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-context';
import { unlinkIdentity } from '@/lib/federation/identities';
import { SIGN_IN_METHODS_PATH } from '@/lib/federation/paths';
import { accountFormAction } from '@/lib/forms/account-action';
import { requireRecentAuth } from '../recent-auth';

const identity = z.object({ providerId: z.string().min(1).max(64), providerAccountId: z.string().min(1).max(255) });

// Removing a way into the account needs a recent sign-in, as removing a passkey does.
export const unlinkIdentityAction = accountFormAction(SIGN_IN_METHODS_PATH, identity, async (data, user) => {
  await requireRecentAuth(SIGN_IN_METHODS_PATH);
  const result = await unlinkIdentity(user.id, data, await requestMeta());
  redirect(result === 'unlinked' ? `${SIGN_IN_METHODS_PATH}?unlinked=1` : result === 'last_method' ? `${SIGN_IN_METHODS_PATH}?error=LastMethod` : SIGN_IN_METHODS_PATH);
});
