'use server';

import { getLocale } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/current-user';
import { confirmEmailChange } from '@/lib/auth/email-change';
import { requestMeta } from '@/lib/auth/request-context';
import { validatedAction } from '@/lib/forms/validated-action';

export const confirmEmailChangeAction = validatedAction(z.object({ token: z.string().min(1).max(200) }), async ({ token }) => {
  const result = await confirmEmailChange(token, await requestMeta(), await getLocale());
  // The link is spent either way (or was never good): the page then says why, with no button left to press.
  if (!result.ok) redirect(`/account/email-change?error=${result.reason}`);
  // Opened in a browser not signed in to this account: sign-in with the new address comes next.
  const viewer = await currentUser();
  redirect(viewer?.email === result.email ? '/account?emailChanged=1' : '/login?emailChanged=1');
});
