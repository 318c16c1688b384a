'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { requestMeta } from '@/lib/auth/request-context';
import { revokeConnectedApp } from '@/lib/oidc/connected-apps';

export async function revokeApplicationAction(formData: FormData): Promise<void> {
  const user = await requireUser('/account/applications');
  const clientId = z.string().min(1).max(200).safeParse(formData.get('clientId'));
  const revoked = clientId.success && (await revokeConnectedApp(user.id, clientId.data, await requestMeta()));
  redirect(revoked ? '/account/applications?revoked=1' : '/account/applications');
}
