'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-context';
import { accountFormAction } from '@/lib/forms/account-action';
import { revokeConnectedApp } from '@/lib/oidc/connected-apps';

const PAGE = '/account/applications';

export const revokeApplicationAction = accountFormAction(PAGE, z.object({ clientId: z.string().min(1).max(200) }), async ({ clientId }, user) => {
  const revoked = await revokeConnectedApp(user.id, clientId, await requestMeta());
  redirect(revoked ? `${PAGE}?revoked=1` : PAGE);
});
