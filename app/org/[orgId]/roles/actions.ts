'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { createRole, deleteRole, getRole, updateRole } from '@/lib/orgs/roles';
import { askToConfirm, confirmation, idSchema, orgAction } from '../../org-action';
import { permissionChecklistFields, rolePermissionsFromForm } from './role-permissions-form';

const name = z.string().trim().min(1, 'enterRoleName').max(64, 'atMost');
const description = z.string().trim().max(500, 'atMost').optional().default('');

export const createRoleAction = orgAction(
  z.object({ name, description, applicationId: z.string().min(1, 'chooseApplication').max(100) }),
  async (access, { name, description, applicationId }) => {
    const role = await createRole(access, { name, description, applicationId: applicationId === 'organization' ? null : applicationId, permissions: [] });
    redirect(`/org/${access.orgId}/roles/${role.id}?created=1`);
  },
);

export const updateRoleAction = orgAction(permissionChecklistFields.extend({ roleId: idSchema, name, description }), async (access, { roleId, name, description, ...checklist }) => {
  const permissions = rolePermissionsFromForm((await getRole(access, roleId)).permissions, checklist);
  await updateRole(access, roleId, { name, description, ...(permissions && { permissions }) });
  return { notice: (await getTranslations('console.roles'))('saved') };
});

export const deleteRoleAction = orgAction(z.object({ roleId: idSchema, roleName: z.string().max(100) }).extend(confirmation.shape), async (access, { roleId, roleName, confirmed }) => {
  if (!confirmed) return askToConfirm((await getTranslations('console.roles'))('deleteAsk', { name: roleName }));
  await deleteRole(access, roleId);
  redirect(`/org/${access.orgId}/roles?deleted=1`);
});
