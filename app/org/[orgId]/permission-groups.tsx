import { Checkbox } from '@/components/ui/checkbox';
import type { Permission } from '@/lib/orgs/permission-catalogue';

/** Present in a form whose permission checklist was rendered: without it, saving leaves the permissions alone. */
export const CHECKLIST_MARKER = 'permissionChecklist';

/** Permissions grouped by service, then resource: `billing` › `invoice` › read, write, all. */
export function groupPermissions(list: Permission[]): Map<string, Map<string, Permission[]>> {
  const services = new Map<string, Map<string, Permission[]>>();
  for (const p of list) {
    const resources = services.get(p.service) ?? new Map<string, Permission[]>();
    resources.set(p.resource, [...(resources.get(p.resource) ?? []), p]);
    services.set(p.service, resources);
  }
  return services;
}

/**
 * The grouped checklist of a role's permissions. A permission the viewer does not hold cannot be
 * granted: its box is disabled. An editable checklist names the boxes it offered (`shown`), so
 * saving changes only those and keeps the role's permissions that were not on the page (see
 * rolePermissionsFromForm).
 */
export function PermissionChecklist({
  catalogue,
  held,
  mayGrant,
  readOnly,
  emptyLabel,
}: {
  catalogue: Permission[];
  held: ReadonlySet<string>;
  mayGrant: (key: string) => boolean;
  readOnly: boolean;
  /** Said when the catalogue is empty (translated by the page). */
  emptyLabel: string;
}) {
  if (!catalogue.length) return <p className="text-sm text-muted-foreground">{emptyLabel}</p>;
  return (
    <div className="grid gap-4">
      {readOnly ? null : <input type="hidden" name={CHECKLIST_MARKER} value="1" />}
      {[...groupPermissions(catalogue)].map(([service, resources]) => (
        <fieldset key={service} className="grid min-w-0 gap-3 rounded-lg border px-4 py-3">
          <legend className="max-w-full px-1 text-sm font-semibold break-all">{service}</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {[...resources].map(([resource, perms]) => (
              <div key={resource} className="grid min-w-0 gap-1.5" role="group" aria-label={`${service} ${resource}`}>
                <p className="text-xs font-medium tracking-wide break-all text-muted-foreground uppercase">{resource}</p>
                {perms.map((p) => {
                  const checked = held.has(p.key);
                  const disabled = readOnly || !mayGrant(p.key);
                  const id = `perm-${p.key}`;
                  return (
                    <label key={p.key} htmlFor={id} className="flex items-start gap-2 text-sm">
                      <Checkbox id={id} name="permission" value={p.key} defaultChecked={checked} disabled={disabled} className="mt-0.5" />
                      {disabled ? null : <input type="hidden" name="shown" value={p.key} />}
                      <span className="min-w-0 break-words [overflow-wrap:anywhere]">
                        <span className="font-mono text-xs">{p.action}</span>
                        {p.description ? <span className="text-muted-foreground"> — {p.description}</span> : null}
                      </span>
                    </label>
                  );
                })}
              </div>
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
