'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-context';
import { DomainError } from '@/lib/domain/errors';
import { accountFormAction } from '@/lib/forms/account-action';
import { leaveOrganization, switchActiveOrganization } from '@/lib/orgs/self-service';

const PAGE = '/account/organizations';
const organization = z.object({ orgId: z.string().min(1).max(100) });

export const switchOrganizationAction = accountFormAction(
  PAGE,
  organization,
  async ({ orgId }, user) => {
    let outcome = 'switched=1';
    try {
      await switchActiveOrganization(user.id, orgId, await requestMeta());
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      outcome = 'error=not_found';
    }
    redirect(`${PAGE}?${outcome}`);
  },
  `${PAGE}?error=not_found`,
);

export const leaveOrganizationAction = accountFormAction(
  PAGE,
  organization,
  async ({ orgId }, user) => {
    let outcome = 'left=1';
    try {
      await leaveOrganization(user.id, orgId, await requestMeta());
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      outcome = `error=${err.code}`;
    }
    redirect(`${PAGE}?${outcome}`);
  },
  `${PAGE}?error=not_found`,
);
