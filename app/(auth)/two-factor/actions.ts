'use server';

import { getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { pendingCookieName, PENDING_COOKIE_PATH } from '@/lib/auth/pending-sign-in';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { completeSecondFactor } from '@/lib/auth/second-factor-sign-in';
import { validatedAction } from '@/lib/forms/validated-action';
import { continueSignedIn } from '../continue-signed-in';
import { localized, waitFor } from '../form-errors';
import { pendingSecondStep } from './second-step';

const wrong = { totp: 'twoFactor.wrongTotp', recovery: 'twoFactor.wrongRecovery' } as const;

export const secondFactorAction = localized(validatedAction(
  z.object({
    kind: z.enum(['totp', 'recovery']),
    code: z.string().trim().min(1, 'Enter the code.').max(40, 'That code is too long.'),
    // Set when a signed-in session takes its second step (the page it was sent here from).
    next: z.string().max(4096).optional(),
  }),
  async ({ kind, code, next }) => {
    const jar = await cookies();
    const pendingToken = await pendingSecondStep(next);
    const result = await completeSecondFactor(pendingToken, { kind, code }, await requestMeta(), await currentSessionToken());
    if (!result.ok) {
      const t = await getTranslations('auth');
      if (result.reason === 'expired') return { formError: t('twoFactor.signInExpired'), values: {} };
      if (result.reason === 'disabled') return { formError: t('errors.disabled'), values: {} };
      if (result.reason === 'rate_limited') {
        return { formError: t('twoFactor.tooMany', { wait: waitFor(t, result.retryAfterSeconds) }), values: {} };
      }
      if (result.reason === 'replayed') return { fieldErrors: { code: t('twoFactor.replayed') }, values: {} };
      return { fieldErrors: { code: t(wrong[kind]) }, values: {} };
    }
    jar.delete({ name: pendingCookieName(), path: PENDING_COOKIE_PATH });
    return continueSignedIn(result, result.returnPath);
  },
));
