import { z } from 'zod';

const segment = /^[a-z][a-z0-9_-]{0,62}$/;

/** `{service}.{resource}.{action}`, lower-case segments. */
export const permissionKeySchema = z
  .string()
  .refine((key) => {
    const parts = key.split('.');
    return parts.length === 3 && parts.every((p) => segment.test(p));
  }, 'must look like service.resource.action');

export type PermissionParts = { service: string; resource: string; action: string };

export function parsePermission(key: string): PermissionParts | null {
  if (!permissionKeySchema.safeParse(key).success) return null;
  const [service, resource, action] = key.split('.') as [string, string, string];
  return { service, resource, action };
}

/** True when `held` grants `wanted`; action `all` covers every action on its resource. */
export function permissionCovers(held: string, wanted: string): boolean {
  const h = parsePermission(held);
  const w = parsePermission(wanted);
  if (!h || !w) return false;
  return h.service === w.service && h.resource === w.resource && (h.action === w.action || h.action === 'all');
}

export function hasPermission(held: Iterable<string>, wanted: string): boolean {
  for (const p of held) if (permissionCovers(p, wanted)) return true;
  return false;
}
