'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { confirmEmailChange } from '@/lib/auth/email-change';
import { requestMeta } from '@/lib/auth/request-context';
import { validatedAction } from '@/lib/forms/validated-action';

export const confirmEmailChangeAction = validatedAction(z.object({ token: z.string().min(1).max(200) }), async ({ token }) => {
  const result = await confirmEmailChange(token, await requestMeta());
  if (!result.ok) {
    if (result.reason === 'taken') return { formError: 'Another account already uses this address, so it cannot be yours too.' };
    return { formError: 'This link is not valid, has expired or was already used. Ask for a new one on your account page.' };
  }
  redirect('/account?emailChanged=1');
});
