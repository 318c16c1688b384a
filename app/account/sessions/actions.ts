'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { endOtherSessions, endSession } from '@/lib/auth/session-list';
import { accountFormAction } from '@/lib/forms/account-action';

const PAGE = '/account/sessions';

export const endSessionAction = accountFormAction(PAGE, z.object({ id: z.string().min(1).max(64) }), async ({ id }, user) => {
  const ended = await endSession(user.id, id, await currentSessionToken(), await requestMeta());
  redirect(ended ? `${PAGE}?ended=1` : PAGE);
});

export const endOtherSessionsAction = accountFormAction(PAGE, z.object({}), async (_data, user) => {
  await endOtherSessions(user.id, await currentSessionToken(), await requestMeta());
  redirect(`${PAGE}?ended=all`);
});
