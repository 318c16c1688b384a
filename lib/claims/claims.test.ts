import { describe, expect, it } from 'vitest';
import { claimsFromRoleRows } from './compute';

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
      features: {},
    });
  });

  it('keeps a role without permissions (the system role user)', () => {
    expect(claimsFromRoleRows('org-1', [{ role: 'user', permission: null }])).toEqual({
      org_id: 'org-1',
      roles: ['user'],
      permissions: [],
      features: {},
    });
  });

  it('keeps an application role whose permissions all belong to other applications, without them', () => {
    // The query yields a null permission for each permission filtered out as another application's.
    expect(
      claimsFromRoleRows('org-1', [
        { role: 'user', permission: null },
        { role: 'editor', permission: null },
        { role: 'editor', permission: 'projects.board.write' },
      ]),
    ).toEqual({ org_id: 'org-1', roles: ['editor', 'user'], permissions: ['projects.board.write'], features: {} });
  });

  it('counts a role held twice (system role name reused by an application role) once', () => {
    expect(
      claimsFromRoleRows('org-1', [
        { role: 'admin', permission: 'auth.user.write' },
        { role: 'admin', permission: 'projects.board.all' },
      ])?.roles,
    ).toEqual(['admin']);
  });

  it('gives no claims to someone who is not a member', () => {
    expect(claimsFromRoleRows('org-1', [])).toBeNull();
  });
});
