import { getTranslations } from 'next-intl/server';
import { Checkbox } from '@/components/ui/checkbox';
import type { OrgAccess } from '@/lib/orgs/access';
import type { Role } from '@/lib/orgs/roles';
import { hasPermission } from '@/lib/rbac/permissions';

/** Whether the viewer could grant every permission of `role` (owners and platform actors can). */
export const grantableBy = (access: OrgAccess) => (role: Role) =>
  access.superuser || role.permissions.every((p) => hasPermission(access.permissions, p));

/** Application roles as checkboxes grouped by application; roles the viewer may not grant are disabled. */
export async function AppRoleChoices({
  roles,
  checked,
  grantable,
  idPrefix,
}: {
  roles: Role[];
  checked: ReadonlySet<string>;
  grantable: (role: Role) => boolean;
  idPrefix: string;
}) {
  const t = await getTranslations('org.appRoles');
  if (!roles.length) return <p className="text-sm text-muted-foreground">{t('none')}</p>;
  const groups = new Map<string, Role[]>();
  for (const r of roles) {
    const key = r.applicationName ?? t('organization');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-2 text-sm font-medium">{t('legend')}</legend>
      {[...groups].map(([app, list]) => (
        <div key={app} className="grid gap-1.5">
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{app}</p>
          {list.map((r) => {
            const id = `${idPrefix}-${r.id}`;
            return (
              <label key={r.id} htmlFor={id} className="flex items-center gap-2 text-sm">
                <Checkbox id={id} name="appRoleId" value={r.id} defaultChecked={checked.has(r.id)} disabled={!grantable(r) && !checked.has(r.id)} />
                <span>{r.name}</span>
                {r.description ? <span className="text-muted-foreground">— {r.description}</span> : null}
              </label>
            );
          })}
        </div>
      ))}
    </fieldset>
  );
}
