'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { currentSessionToken } from '@/lib/auth/request-context';
import { findSession } from '@/lib/auth/sessions';
import { validatedAction } from '@/lib/forms/validated-action';
import { completeConsent, loadPendingAuthorization } from '@/lib/oidc/authorize';

export const consentAction = validatedAction(
  z.object({ request: z.string().min(1).max(64), decision: z.enum(['allow', 'deny']) }),
  async ({ request, decision }) => {
    const user = await requireUser(`/consent?request=${encodeURIComponent(request)}`);
    const session = await findSession(await currentSessionToken());
    const pending = session ? await loadPendingAuthorization(request, user.id) : null;
    if (!session || !pending) return { formError: 'This sign-in request has expired. Go back to the application and start again.' };
    redirect(await completeConsent(pending, session, decision === 'allow'));
  },
);
