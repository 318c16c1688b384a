'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { currentSessionToken } from '@/lib/auth/request-context';
import { findSession } from '@/lib/auth/sessions';
import { accountAction } from '@/lib/forms/account-action';
import { completeConsent, loadPendingAuthorization } from '@/lib/oidc/authorize';

export const consentAction = accountAction(
  ({ request }) => `/consent?request=${encodeURIComponent(request)}`,
  z.object({ request: z.string().min(1).max(64), decision: z.enum(['allow', 'deny']) }),
  async ({ request, decision }, user) => {
    const session = await findSession(await currentSessionToken());
    const pending = session ? await loadPendingAuthorization(request, user.id) : null;
    if (!session || !pending) return { formError: 'This sign-in request has expired. Go back to the application and start again.' };
    redirect(await completeConsent(pending, session, decision === 'allow'));
  },
);
