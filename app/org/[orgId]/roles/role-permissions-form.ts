import { CHECKLIST_MARKER } from '../permission-groups';

const keys = (formData: FormData, field: string) =>
  new Set(formData.getAll(field).filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200));

/**
 * The role's permissions after saving the role form: the current ones, less those whose box was
 * offered and left unticked, plus those ticked. Permissions the page did not offer (the editor
 * cannot read the catalogue, may not grant them, or the catalogue listing stopped short) stay as
 * they are; without a rendered checklist the permissions are not changed at all (undefined).
 */
export function rolePermissionsFromForm(current: readonly string[], formData: FormData): string[] | undefined {
  if (formData.get(CHECKLIST_MARKER) !== '1') return undefined;
  const shown = keys(formData, 'shown');
  const ticked = keys(formData, 'permission');
  // updateRole checks that whoever saves may grant every key added here.
  return [...new Set([...current.filter((k) => !shown.has(k) || ticked.has(k)), ...ticked])];
}
