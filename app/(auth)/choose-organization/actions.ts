'use server';

import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/current-user';
import { currentSessionToken } from '@/lib/auth/request-context';
import { findSession } from '@/lib/auth/sessions';
import { accountAction } from '@/lib/forms/account-action';
import { localized } from '../form-errors';
import { completeOrganizationChoice, denyAuthorization, loadPendingAuthorization, NotAMember } from '@/lib/oidc/authorize';

const expired = async () => ({ formError: (await getTranslations('auth'))('chooseOrganization.expiredAction') });
const requestId = z.string().min(1).max(64);
const pagePath = ({ request }: { request: string }) => `/choose-organization?request=${encodeURIComponent(request)}`;

async function pendingFor(request: string, user: CurrentUser) {
  const session = await findSession(await currentSessionToken());
  const pending = session ? await loadPendingAuthorization(request, user.id) : null;
  return session && pending ? { session, pending } : null;
}

export const chooseOrganizationAction = localized(accountAction(
  pagePath,
  z.object({ request: requestId, org: z.string({ error: 'Choose an organization.' }).min(1, 'Choose an organization.').max(64) }),
  async ({ request, org }, user) => {
    const found = await pendingFor(request, user);
    if (!found) return expired();
    let location: string;
    try {
      location = await completeOrganizationChoice(found.pending, found.session, org);
    } catch (err) {
      if (err instanceof NotAMember) return { fieldErrors: { org: (await getTranslations('auth'))('chooseOrganization.chooseYours') } };
      throw err;
    }
    redirect(location);
  },
));

export const cancelAuthorizationAction = accountAction(pagePath, z.object({ request: requestId }), async ({ request }, user) => {
  const found = await pendingFor(request, user);
  if (!found) return expired();
  redirect(await denyAuthorization(found.pending));
});
