import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { requireUser } from '@/lib/auth/current-user';
import { mfaRedirectPath } from '@/lib/auth/mfa-requirement';
import { currentSession } from '@/lib/auth/request-context';
import { userActor } from '@/lib/domain/actor';
import { DomainError } from '@/lib/domain/errors';
import { accessInOrganization } from '@/lib/orgs/access';
import { getOrganization } from '@/lib/orgs/organizations';

/**
 * The signed-in user, their access and the organization, once per request (layout and page
 * share it). A session that does not meet an organization's two-factor requirement is sent to the second step (or to enrollment). An organization the user cannot see is a plain 404, as for an unknown id.
 */
export const orgPage = cache(async (orgId: string) => {
  const home = `/org/${encodeURIComponent(orgId)}/members`;
  const user = await requireUser(home);
  const session = await currentSession();
  const secondFactor = session && (await mfaRedirectPath(session, home));
  if (secondFactor) redirect(secondFactor);
  try {
    const access = await accessInOrganization(await userActor(user.id), orgId);
    return { user, access, org: await getOrganization(access) };
  } catch (err) {
    if (err instanceof DomainError && err.status === 404) notFound();
    throw err;
  }
});
