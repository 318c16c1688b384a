'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { endOtherSessions, endSession } from '@/lib/auth/session-list';

export async function endSessionAction(formData: FormData): Promise<void> {
  const user = await requireUser('/account/sessions');
  const id = z.string().min(1).max(64).safeParse(formData.get('id'));
  const ended = id.success && (await endSession(user.id, id.data, await currentSessionToken(), await requestMeta()));
  redirect(ended ? '/account/sessions?ended=1' : '/account/sessions');
}

export async function endOtherSessionsAction(): Promise<void> {
  const user = await requireUser('/account/sessions');
  await endOtherSessions(user.id, await currentSessionToken(), await requestMeta());
  redirect('/account/sessions?ended=all');
}
