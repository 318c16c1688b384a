import { describe, expect, it } from 'vitest';
import { DomainError } from '@/lib/domain/errors';
import { SYSTEM_ROLE_PERMISSIONS } from '@/lib/rbac/catalogue';
import { may, requireHoldsAll, requireRankAtLeast, type OrgAccess } from './access';

const member = (role: 'owner' | 'admin' | 'user', extra: string[] = []): OrgAccess => ({
  actor: { kind: 'user', userId: 'u1', platformAdmin: false },
  orgId: 'o1',
  systemRole: role,
  rank: { owner: 3, admin: 2, user: 1 }[role],
  superuser: role === 'owner',
  permissions: [...SYSTEM_ROLE_PERMISSIONS[role], ...extra],
});

const refusal = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? `${e.status} ${e.code}` : 'other';
  }
  return 'allowed';
};

describe('organization access rules', () => {
  it('gives owners every permission, including services the catalogue does not know', () => {
    expect(may(member('owner'), 'auth.role.write')).toBe(true);
    expect(may(member('owner'), 'projects.board.delete')).toBe(true);
  });

  it('lets admins manage users and read roles, not write them', () => {
    const admin = member('admin');
    expect(may(admin, 'auth.user.delete')).toBe(true);
    expect(may(admin, 'auth.role.read')).toBe(true);
    expect(may(admin, 'auth.role.write')).toBe(false);
    expect(may(admin, 'auth.permission.write')).toBe(false);
  });

  it('grants what an extra role adds, with `all` covering every action', () => {
    const admin = member('admin', ['auth.role.all']);
    expect(may(admin, 'auth.role.delete')).toBe(true);
    expect(may(admin, 'auth.permission.delete')).toBe(false);
  });

  it('refuses granting a permission the actor does not hold', () => {
    expect(refusal(() => requireHoldsAll(member('admin'), ['auth.user.read', 'auth.role.write']))).toBe('403 forbidden');
    expect(refusal(() => requireHoldsAll(member('admin'), ['billing.invoice.read']))).toBe('403 forbidden');
    expect(refusal(() => requireHoldsAll(member('admin', ['billing.invoice.all']), ['billing.invoice.read']))).toBe('allowed');
    expect(refusal(() => requireHoldsAll(member('owner'), ['billing.invoice.read', 'auth.role.all']))).toBe('allowed');
  });

  it('refuses assigning a system role above the actor\u2019s own', () => {
    expect(refusal(() => requireRankAtLeast(member('admin'), 'owner'))).toBe('403 forbidden');
    expect(refusal(() => requireRankAtLeast(member('admin'), 'admin'))).toBe('allowed');
    expect(refusal(() => requireRankAtLeast(member('user'), 'admin'))).toBe('403 forbidden');
    expect(refusal(() => requireRankAtLeast(member('owner'), 'owner'))).toBe('allowed');
  });
});
