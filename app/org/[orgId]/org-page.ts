import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requireUser } from '@/lib/auth/current-user';
import { accessInOrganization, userActor } from '@/lib/orgs/access';
import { DomainError } from '@/lib/orgs/errors';
import { getOrganization } from '@/lib/orgs/organizations';

/**
 * The signed-in user, their access and the organization, once per request (layout and page
 * share it). An organization the user cannot see is a plain 404, as for an unknown id.
 */
export const orgPage = cache(async (orgId: string) => {
  const user = await requireUser(`/org/${encodeURIComponent(orgId)}/members`);
  try {
    const access = await accessInOrganization(await userActor(user.id), orgId);
    return { user, access, org: await getOrganization(access) };
  } catch (err) {
    if (err instanceof DomainError && err.status === 404) notFound();
    throw err;
  }
});
