import { z } from 'zod';
import { checkedValues } from '@/lib/forms/validated-action';
import { CHECKLIST_MARKER } from '../permission-groups';

/** The role form's permission checklist: the boxes it offered (`shown`) and those ticked (`permission`). */
export const permissionChecklistFields = z.object({
  [CHECKLIST_MARKER]: z.unknown().optional(),
  shown: checkedValues(200),
  permission: checkedValues(200),
});

/**
 * The role's permissions after saving the role form: the current ones, less those whose box was
 * offered and left unticked, plus those ticked. Permissions the page did not offer (the editor
 * cannot read the catalogue, may not grant them, or the catalogue listing stopped short) stay as
 * they are; without a rendered checklist the permissions are not changed at all (undefined).
 */
export function rolePermissionsFromForm(current: readonly string[], form: z.output<typeof permissionChecklistFields>): string[] | undefined {
  if (form[CHECKLIST_MARKER] !== '1') return undefined;
  const shown = new Set(form.shown);
  const ticked = new Set(form.permission);
  // updateRole checks that whoever saves may grant every key added here.
  return [...new Set([...current.filter((k) => !shown.has(k) || ticked.has(k)), ...ticked])];
}
