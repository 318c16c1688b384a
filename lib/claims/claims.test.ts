import { describe, expect, it } from 'vitest';
import { claimsFromRoleRows } from './index';

describe('access claims', () => {
  it('lists each role once and the union of their permissions, sorted', () => {
    const claims = claimsFromRoleRows('org-1', [
      { role: 'owner', permission: 'auth.user.read' },
      { role: 'owner', permission: 'auth.role.write' },
      { role: 'billing-admin', permission: 'auth.user.read' },
      { role: 'billing-admin', permission: 'billing.invoice.all' },
    ]);
    expect(claims).toEqual({
      org_id: 'org-1',
      roles: ['billing-admin', 'owner'],
      permissions: ['auth.role.write', 'auth.user.read', 'billing.invoice.all'],
      features: [],
    });
  });

  it('keeps a role without permissions (the system role user)', () => {
    expect(claimsFromRoleRows('org-1', [{ role: 'user', permission: null }])).toEqual({
      org_id: 'org-1',
      roles: ['user'],
      permissions: [],
      features: [],
    });
  });

  it('gives no claims to someone who is not a member', () => {
    expect(claimsFromRoleRows('org-1', [])).toBeNull();
  });
});
