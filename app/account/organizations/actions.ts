'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { requestMeta } from '@/lib/auth/request-context';
import { DomainError } from '@/lib/domain/errors';
import { leaveOrganization, switchActiveOrganization } from '@/lib/orgs/self-service';

const PAGE = '/account/organizations';
const orgId = z.string().min(1).max(100);

export async function switchOrganizationAction(formData: FormData): Promise<void> {
  const user = await requireUser(PAGE);
  const id = orgId.safeParse(formData.get('orgId'));
  let outcome = 'switched=1';
  try {
    if (!id.success) throw new DomainError('not_found', 'not found');
    await switchActiveOrganization(user.id, id.data, await requestMeta());
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    outcome = 'error=not_found';
  }
  redirect(`${PAGE}?${outcome}`);
}

export async function leaveOrganizationAction(formData: FormData): Promise<void> {
  const user = await requireUser(PAGE);
  const id = orgId.safeParse(formData.get('orgId'));
  let outcome = 'left=1';
  try {
    if (!id.success) throw new DomainError('not_found', 'not found');
    await leaveOrganization(user.id, id.data, await requestMeta());
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    outcome = `error=${err.code}`;
  }
  redirect(`${PAGE}?${outcome}`);
}
