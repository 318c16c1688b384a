import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { requireUser } from '@/lib/auth/current-user';
import { mfaEnrollmentPath, mfaEnrollmentRequired } from '@/lib/auth/mfa-requirement';
import { accessInOrganization, userActor } from '@/lib/orgs/access';
import { DomainError } from '@/lib/orgs/errors';
import { getOrganization } from '@/lib/orgs/organizations';

/**
 * The signed-in user, their access and the organization, once per request (layout and page
 * share it). A member who must set up two-factor first is sent to do so. An organization the user cannot see is a plain 404, as for an unknown id.
 */
export const orgPage = cache(async (orgId: string) => {
  const home = `/org/${encodeURIComponent(orgId)}/members`;
  const user = await requireUser(home);
  if (await mfaEnrollmentRequired(user.id)) redirect(mfaEnrollmentPath(home));
  try {
    const access = await accessInOrganization(await userActor(user.id), orgId);
    return { user, access, org: await getOrganization(access) };
  } catch (err) {
    if (err instanceof DomainError && err.status === 404) notFound();
    throw err;
  }
});
