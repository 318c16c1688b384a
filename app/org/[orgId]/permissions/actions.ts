'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { createPermission, deletePermission } from '@/lib/orgs/permission-catalogue';
import { permissionKeySchema } from '@/lib/rbac/permissions';
import { askToConfirm, confirmation, orgAction } from '../../org-action';

export const createPermissionAction = orgAction(
  z.object({
    key: z
      .string()
      .trim()
      .toLowerCase()
      .refine((k) => permissionKeySchema.safeParse(k).success, 'permissionKeyFormat'),
    description: z.string().trim().max(200, 'atMost').optional().default(''),
    applicationId: z.string().min(1, 'chooseApplication').max(100),
  }),
  async (access, { key, description, applicationId }) => {
    await createPermission(access, { key, description, applicationId });
    return { notice: (await getTranslations('console.permissions'))('added', { key }), values: {} };
  },
);

export const deletePermissionAction = orgAction(z.object({ key: z.string().min(1).max(200) }).extend(confirmation.shape), async (access, { key, confirmed }) => {
  if (!confirmed) return askToConfirm((await getTranslations('console.permissions'))('deleteAsk', { key }));
  await deletePermission(access, key);
  redirect(`/org/${access.orgId}/permissions?deleted=1`);
});
