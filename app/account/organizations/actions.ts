'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-context';
import { DomainError } from '@/lib/domain/errors';
import { accountFormAction } from '@/lib/forms/account-action';
import { leaveOrganization, switchActiveOrganization } from '@/lib/orgs/self-service';

const PAGE = '/account/organizations';

/** A button of the organization list: the change, then back to the list saying how it went. */
function organizationChange(change: typeof leaveOrganization, done: string, refused: (err: DomainError) => string) {
  return accountFormAction(
    PAGE,
    z.object({ orgId: z.string().min(1).max(100) }),
    async ({ orgId }, user) => {
      let outcome = done;
      try {
        await change(user.id, orgId, await requestMeta());
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        outcome = refused(err);
      }
      redirect(`${PAGE}?${outcome}`);
    },
    `${PAGE}?error=not_found`,
  );
}

export const switchOrganizationAction = organizationChange(switchActiveOrganization, 'switched=1', () => 'error=not_found');

export const leaveOrganizationAction = organizationChange(leaveOrganization, 'left=1', (err) => `error=${err.code}`);
