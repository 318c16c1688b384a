'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/current-user';
import { confirmEmailChange } from '@/lib/auth/email-change';
import { requestMeta } from '@/lib/auth/request-context';
import { validatedAction } from '@/lib/forms/validated-action';

export const confirmEmailChangeAction = validatedAction(z.object({ token: z.string().min(1).max(200) }), async ({ token }) => {
  const result = await confirmEmailChange(token, await requestMeta());
  if (!result.ok) {
    if (result.reason === 'taken') return { formError: 'Another account already uses this address, so it cannot be yours too.' };
    return { formError: 'This link is not valid, has expired or was already used. Ask for a new one on your account page.' };
  }
  // Opened in a browser not signed in to this account: sign-in with the new address comes next.
  const viewer = await currentUser();
  redirect(viewer?.email === result.email ? '/account?emailChanged=1' : '/login?emailChanged=1');
});
