'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { requestMeta } from '@/lib/auth/request-context';
import { validatedAction } from '@/lib/forms/validated-action';
import { claimSetupToken } from '@/lib/platform/setup';

export const claimSetupAction = validatedAction(z.object({ token: z.string().min(1).max(200) }), async ({ token }) => {
  const user = await requireUser(`/setup?token=${encodeURIComponent(token)}`);
  const claimed = await claimSetupToken(token, user.id, await requestMeta());
  if (!claimed) return { formError: 'This setup link has already been used or replaced. Restart the server for a new one.' };
  redirect('/account');
});
