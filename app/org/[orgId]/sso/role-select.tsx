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
  placeholder,
}: {
  name: string;
  label: string;
  roles: SsoRoleChoice[];
  defaultValue?: string;
  error?: string;
  hint?: string;
  /** An empty first choice, so nothing is granted by a choice nobody made. */
  placeholder?: string;
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
          {placeholder ? <option value="">{placeholder}</option> : null}
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
