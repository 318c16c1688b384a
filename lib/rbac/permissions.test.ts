import { describe, expect, it } from 'vitest';
import { hasPermission, parsePermission, permissionCovers } from './permissions';
import { SYSTEM_ROLE_PERMISSIONS } from './catalogue';

describe('permission matching', () => {
  it('matches the exact permission', () => {
    expect(permissionCovers('billing.invoice.create', 'billing.invoice.create')).toBe(true);
    expect(permissionCovers('billing.invoice.read', 'billing.invoice.create')).toBe(false);
  });

  it('lets action `all` cover every action of the same resource only', () => {
    expect(permissionCovers('billing.invoice.all', 'billing.invoice.create')).toBe(true);
    expect(permissionCovers('billing.invoice.all', 'billing.customer.read')).toBe(false);
    expect(permissionCovers('billing.invoice.all', 'projects.invoice.read')).toBe(false);
    expect(permissionCovers('billing.invoice.create', 'billing.invoice.all')).toBe(false);
  });

  it.each(['billing.invoice', 'billing..read', 'Billing.invoice.read', 'a.b.c.d', '', 'billing.invoice.*', ' auth.user.read'])(
    'refuses malformed %j',
    (key) => {
      expect(parsePermission(key)).toBeNull();
      expect(permissionCovers(key, key)).toBe(false);
    },
  );

  it('grants nothing on a service nobody holds, and matches unknown services only exactly', () => {
    expect(hasPermission(['billing.invoice.all', 'auth.user.all'], 'unknown.thing.read')).toBe(false);
    expect(hasPermission(['unknown.thing.all'], 'unknown.thing.read')).toBe(true);
    expect(hasPermission([], 'auth.user.read')).toBe(false);
  });

  it('holds the fixed system role sets', () => {
    expect(hasPermission(SYSTEM_ROLE_PERMISSIONS.owner, 'auth.role.write')).toBe(true);
    expect(hasPermission(SYSTEM_ROLE_PERMISSIONS.admin, 'auth.user.delete')).toBe(true);
    expect(hasPermission(SYSTEM_ROLE_PERMISSIONS.admin, 'auth.role.write')).toBe(false);
    expect(hasPermission(SYSTEM_ROLE_PERMISSIONS.admin, 'auth.permission.read')).toBe(true);
    expect(SYSTEM_ROLE_PERMISSIONS.user).toEqual([]);
  });
});
