import { and, asc, count, desc, eq, exists, ilike, or, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db';
import { memberRoles, memberships, roles, users } from '@/db/schema';
import type { SystemRole } from '@/lib/rbac/catalogue';
import { requirePermission, type OrgAccess } from './access';
import { appRolesOf, memberColumns, type Member } from './members';

export const MEMBER_SORTS = ['name', 'email', 'role', 'joined'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

export type MemberTableQuery = {
  search?: string;
  role?: SystemRole;
  appRoleId?: string;
  sort?: MemberSort;
  direction?: 'asc' | 'desc';
  /** 1-based. A page past the end answers the last page. */
  page?: number;
  pageSize?: number;
};

export type MemberTable = { items: Member[]; total: number; page: number; pageCount: number; pageSize: number };

/** Owners first when ascending, as the console shows the most powerful people on top. */
const roleRank = sql<number>`case ${roles.name} when 'owner' then 0 when 'admin' then 1 else 2 end`;
const sortColumns: Record<MemberSort, SQL | typeof users.email | typeof memberships.createdAt> = {
  name: sql`lower(coalesce(${users.name}, ${users.email}))`,
  email: users.email,
  role: roleRank,
  joined: memberships.createdAt,
};

/**
 * One numbered page of an organization's members for the console's table: searched by name or
 * email, filtered by system role and application role, sorted either way, with the total count.
 * (The admin API keeps its cursor listing, `listMembers`.)
 */
export async function queryMemberTable(access: OrgAccess, query: MemberTableQuery): Promise<MemberTable> {
  requirePermission(access, 'auth.user.read');
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const search = query.search?.trim();
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(memberships.orgId, access.orgId),
    pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined,
    query.role ? eq(roles.name, query.role) : undefined,
    query.appRoleId
      ? exists(
          db()
            .select({ one: sql`1` })
            .from(memberRoles)
            .where(and(eq(memberRoles.orgId, access.orgId), eq(memberRoles.userId, memberships.userId), eq(memberRoles.roleId, query.appRoleId))),
        )
      : undefined,
  );
  const base = () => db().select(memberColumns).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).innerJoin(roles, eq(roles.id, memberships.roleId));
  const [counted] = await db()
    .select({ n: count() })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(where);
  const total = counted?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.trunc(query.page ?? 1) || 1, 1), pageCount);
  const order = query.direction === 'desc' ? desc : asc;
  const rows = await base()
    .where(where)
    .orderBy(order(sortColumns[query.sort ?? 'name']), asc(users.email), asc(users.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const appRoles = await appRolesOf(db(), access.orgId, rows.map((r) => r.userId));
  return {
    items: rows.map((r) => ({ ...r, role: r.role as SystemRole, appRoles: appRoles.get(r.userId) ?? [] })),
    total,
    page,
    pageCount,
    pageSize,
  };
}
