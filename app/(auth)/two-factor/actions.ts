'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { pendingCookieName, PENDING_COOKIE_PATH } from '@/lib/auth/pending-sign-in';
import { describeRetry } from '@/lib/auth/rate-limit';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { completeSecondFactor } from '@/lib/auth/second-factor-sign-in';
import { validatedAction } from '@/lib/forms/validated-action';
import { continueSignedIn } from '../continue-signed-in';
import { pendingSecondStep } from './second-step';

const wrong = {
  totp: 'That code is not right. Check the time on your phone and enter the newest code.',
  recovery: 'That recovery code is not right, or it has already been used.',
};

export const secondFactorAction = validatedAction(
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
      if (result.reason === 'expired') return { formError: 'This sign-in has expired. Please sign in again.', values: {} };
      if (result.reason === 'rate_limited') {
        return { formError: `Too many wrong codes. Please wait ${describeRetry(result.retryAfterSeconds)} and try again.`, values: {} };
      }
      if (result.reason === 'replayed') return { fieldErrors: { code: 'That code has already been used. Wait for the next one.' }, values: {} };
      return { fieldErrors: { code: wrong[kind] }, values: {} };
    }
    jar.delete({ name: pendingCookieName(), path: PENDING_COOKIE_PATH });
    return continueSignedIn(result, result.returnPath);
  },
);
