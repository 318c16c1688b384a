// What a sign-in through an organization's IdP does to the person's place in that organization:
// they join it with its default role if they are not in it (just-in-time provisioning), and the
// IdP's groups decide the roles that the mapping table names. Roles the mapping never names are
// left as the organization set them; an owner stays owner.
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db';
import { memberRoles, memberships, roles, ssoGroupRoles } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { notifyClaimsChanged } from '@/lib/claims/changes';
import { SYSTEM_ROLE_RANK } from '@/lib/orgs/access';
import type { SystemRole } from '@/lib/rbac/catalogue';

export type OrgSsoProvider = { id: string; orgId: string; defaultRoleId: string | null };

/** The IdP's group names in its claims: `groups`, or `roles` as some IdPs (this portal among them) call them. */
export function upstreamGroups(claims: Record<string, unknown> | undefined): string[] {
  const names = [claims?.groups, claims?.roles].flatMap((value) => (Array.isArray(value) ? value : []));
  return [...new Set(names.filter((n): n is string => typeof n === 'string'))];
}

type RoleRow = { id: string; name: string; isSystem: boolean };

/** The system role to hold: the highest one mapped from the groups, else the default (or `user`). */
function systemRoleFor(mapped: RoleRow[], fallbackId: string): string {
  const system = mapped.filter((r) => r.isSystem && r.name !== 'owner');
  system.sort((a, b) => SYSTEM_ROLE_RANK[b.name as SystemRole] - SYSTEM_ROLE_RANK[a.name as SystemRole]);
  return system[0]?.id ?? fallbackId;
}

export async function applySsoMembership(exec: Executor, userId: string, provider: OrgSsoProvider, groups: string[], meta: ClientMeta): Promise<void> {
  const { orgId } = provider;
  const orgRoles = await exec.select({ id: roles.id, name: roles.name, isSystem: roles.isSystem }).from(roles).where(eq(roles.orgId, orgId));
  const byId = new Map(orgRoles.map((r) => [r.id, r]));
  const userRoleId = orgRoles.find((r) => r.isSystem && r.name === 'user')!.id;
  const fallbackId = provider.defaultRoleId && byId.get(provider.defaultRoleId)?.isSystem ? provider.defaultRoleId : userRoleId;

  const mappings = await exec.select({ groupName: ssoGroupRoles.groupName, roleId: ssoGroupRoles.roleId }).from(ssoGroupRoles).where(eq(ssoGroupRoles.providerId, provider.id));
  const managed = new Set(mappings.map((m) => m.roleId));
  const mapped = [...new Set(mappings.filter((m) => groups.includes(m.groupName)).map((m) => m.roleId))].map((id) => byId.get(id)!).filter(Boolean);
  const managesSystemRole = [...managed].some((id) => byId.get(id)?.isSystem);

  const [member] = await exec.select({ roleId: memberships.roleId }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))).for('update');
  const wantedSystem = systemRoleFor(mapped, fallbackId);
  if (!member) {
    await exec.insert(memberships).values({ orgId, userId, roleId: wantedSystem });
    await recordAudit('org.member_added', { userId, orgId, meta, detail: { via: 'sso', role_id: wantedSystem } }, exec);
  } else if (managesSystemRole && member.roleId !== wantedSystem && byId.get(member.roleId)?.name !== 'owner') {
    await exec.update(memberships).set({ roleId: wantedSystem }).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    await recordAudit('org.member_role_changed', { userId, orgId, meta, detail: { via: 'sso', role_id: wantedSystem } }, exec);
  }

  // Non-system roles the mapping names: held exactly when a group grants them. A new member also gets the default role when it is one.
  const wantedExtra = new Set(mapped.filter((r) => !r.isSystem).map((r) => r.id));
  if (!member && provider.defaultRoleId && byId.get(provider.defaultRoleId) && !byId.get(provider.defaultRoleId)!.isSystem) wantedExtra.add(provider.defaultRoleId);
  const managedExtra = [...managed].filter((id) => !byId.get(id)?.isSystem);
  if (managedExtra.length) {
    await exec.delete(memberRoles).where(and(eq(memberRoles.orgId, orgId), eq(memberRoles.userId, userId), inArray(memberRoles.roleId, managedExtra)));
  }
  if (wantedExtra.size) {
    await exec.insert(memberRoles).values([...wantedExtra].map((roleId) => ({ orgId, userId, roleId }))).onConflictDoNothing();
  }
  await notifyClaimsChanged(exec, orgId);
}
