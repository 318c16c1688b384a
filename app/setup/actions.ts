'use server';

import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-context';
import { accountAction } from '@/lib/forms/account-action';
import { claimSetupToken } from '@/lib/platform/setup';

export const claimSetupAction = accountAction(
  ({ token }) => `/setup?token=${encodeURIComponent(token)}`,
  z.object({ token: z.string().min(1).max(200) }),
  async ({ token }, user) => {
    const claimed = await claimSetupToken(token, user.id, await requestMeta());
    if (!claimed) return { formError: (await getTranslations('setup'))('replaced') };
    redirect('/account');
  },
);
