import { FieldFrame } from '@/components/forms/field-frame';
import { NativeSelect } from '@/components/ui/native-select';

/** A role single sign-on may hand out; `group` is its application's name, or the organization's. */
export type SsoRoleChoice = { id: string; label: string; group: string };

/** A labelled select of the roles, grouped like the roles page. */
export function RoleSelect({
  name,
  label,
  roles,
  defaultValue,
  error,
  hint,
}: {
  name: string;
  label: string;
  roles: SsoRoleChoice[];
  defaultValue?: string;
  error?: string;
  hint?: string;
}) {
  const groups = new Map<string, SsoRoleChoice[]>();
  for (const r of roles) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  return (
    <FieldFrame
      name={name}
      label={label}
      error={error}
      hint={hint}
      control={(ids) => (
        <NativeSelect name={name} defaultValue={defaultValue ?? ''} {...ids}>
          {[...groups].map(([group, list]) => (
            <optgroup key={group} label={group}>
              {list.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </optgroup>
          ))}
        </NativeSelect>
      )}
    />
  );
}
