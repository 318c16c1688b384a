import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, type SQL } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { isUniqueViolation } from '@/db/errors';
import { invitations, memberships, organizations, roles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { absoluteUrl } from '@/lib/auth/links';
import { generateToken, hashToken } from '@/lib/auth/tokens';
import { actorUserId } from '@/lib/domain/actor';
import { conflict, notFound } from '@/lib/domain/errors';
import { decodeCursor, encodeCursor, type Page, type PageQuery } from '@/lib/domain/pagination';
import { invitationMail } from '@/lib/mail/templates';
import { sendMail } from '@/lib/mail/transport';
import type { Locale } from '@/lib/i18n/locales';
import { userLocale } from '@/lib/i18n/preferences';
import { SYSTEM_ROLES, type SystemRole } from '@/lib/rbac/catalogue';
import { requirePermission, requireRankAtLeast, type OrgAccess } from './access';
import { assertResendAllowed, spendInvitationMail } from './invitations-limits';
import { assignableRoles } from './members';
import { systemRoleId } from './organizations';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export type Invitation = {
  id: string;
  email: string;
  role: SystemRole;
  appRoles: { id: string; name: string; applicationId: string | null }[];
  status: InvitationStatus;
  invitedBy: { name: string | null; email: string } | null;
  createdAt: Date;
  lastSentAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
};

/** The path of the accept page for a token (the token is the whole secret). */
export const invitationPath = (token: string) => `/invitation/${token}`;

const open = () => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

function statusCondition(status: InvitationStatus, now: Date): SQL | undefined {
  switch (status) {
    case 'pending':
      return and(open(), gt(invitations.expiresAt, now));
    case 'expired':
      return and(open(), lte(invitations.expiresAt, now));
    case 'accepted':
      return isNotNull(invitations.acceptedAt);
    case 'revoked':
      return and(isNull(invitations.acceptedAt), isNotNull(invitations.revokedAt));
  }
}

function statusOf(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

async function inviterName(exec: Executor, access: OrgAccess): Promise<string | null> {
  const userId = actorUserId(access.actor);
  if (!userId) return null;
  const [row] = await exec.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  return row ? (row.name ?? row.email) : null;
}

/**
 * The invitation is written in the inviter's language: the page they invited from (`locale`), else
 * the one their account remembers (the API and the CLI have no page).
 */
async function mailInvitation(access: OrgAccess, email: string, role: SystemRole, token: string, locale?: Locale): Promise<void> {
  const [org] = await db().select({ name: organizations.name }).from(organizations).where(eq(organizations.id, access.orgId));
  const inviterId = actorUserId(access.actor);
  const language = locale ?? (inviterId ? await userLocale(inviterId) : 'en');
  await sendMail(
    invitationMail(language, email, { organizationName: org?.name ?? null, invitedBy: await inviterName(db(), access), role }, absoluteUrl(invitationPath(token))),
  );
}

/**
 * Invites `email` with a system role and application roles. A pending invitation to the same
 * address is a conflict (resend or revoke it); an expired one is revoked and replaced.
 */
export async function createInvitation(
  access: OrgAccess,
  input: { email: string; role: SystemRole; appRoleIds?: readonly string[] },
  locale?: Locale,
): Promise<{ invitation: Invitation; token: string }> {
  requirePermission(access, 'auth.user.write');
  const email = input.email.trim().toLowerCase();
  const token = generateToken();
  const now = new Date();
  let id: string;
  try {
    id = await db().transaction(async (tx) => {
      requireRankAtLeast(access, input.role);
      const appRoleIds = await assignableRoles(tx, access, input.appRoleIds ?? []);
      const [member] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.orgId, access.orgId), eq(users.email, email)));
      if (member) throw conflict({ key: 'alreadyMember' });
      const [pending] = await tx
        .select({ id: invitations.id, expiresAt: invitations.expiresAt })
        .from(invitations)
        .where(and(eq(invitations.orgId, access.orgId), eq(invitations.email, email), open()));
      if (pending && pending.expiresAt > now) {
        throw conflict({ key: 'invitationPending' });
      }
      await spendInvitationMail(access.actor, access.orgId, email);
      if (pending) await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, pending.id));
      const [row] = await tx
        .insert(invitations)
        .values({
          orgId: access.orgId,
          email,
          roleId: await systemRoleId(tx, access.orgId, input.role),
          appRoleIds,
          tokenHash: hashToken(token),
          invitedBy: actorUserId(access.actor),
          expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
          lastSentAt: now,
        })
        .returning({ id: invitations.id });
      await recordAudit(
        'org.invitation_created',
        { userId: actorUserId(access.actor), actor: access.actor, orgId: access.orgId, detail: { orgId: access.orgId, invitationId: row!.id, email, role: input.role } },
        tx,
      );
      return row!.id;
    });
  } catch (err) {
    // Two invitations to one address at once: the partial unique index lets only one through.
    if (isUniqueViolation(err)) throw conflict({ key: 'invitationPending' });
    throw err;
  }
  await mailInvitation(access, email, input.role, token, locale);
  return { invitation: await getInvitation(access, id), token };
}

const invitationColumns = {
  id: invitations.id,
  email: invitations.email,
  role: roles.name,
  appRoleIds: invitations.appRoleIds,
  createdAt: invitations.createdAt,
  lastSentAt: invitations.lastSentAt,
  expiresAt: invitations.expiresAt,
  acceptedAt: invitations.acceptedAt,
  revokedAt: invitations.revokedAt,
  inviterName: users.name,
  inviterEmail: users.email,
};

type InvitationRow = {
  id: string;
  email: string;
  role: string;
  appRoleIds: string[];
  createdAt: Date;
  lastSentAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  inviterName: string | null;
  inviterEmail: string | null;
};

async function toInvitations(exec: Executor, orgId: string, rows: InvitationRow[]): Promise<Invitation[]> {
  const roleIds = [...new Set(rows.flatMap((r) => r.appRoleIds))];
  const appRoles = roleIds.length
    ? await exec
        .select({ id: roles.id, name: roles.name, applicationId: roles.applicationId })
        .from(roles)
        .where(and(eq(roles.orgId, orgId), inArray(roles.id, roleIds)))
    : [];
  const byId = new Map(appRoles.map((r) => [r.id, r]));
  const now = new Date();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: (SYSTEM_ROLES as readonly string[]).includes(r.role) ? (r.role as SystemRole) : 'user',
    // A role deleted since the invitation was made is simply not granted.
    appRoles: r.appRoleIds.flatMap((id) => byId.get(id) ?? []),
    status: statusOf(r, now),
    invitedBy: r.inviterEmail ? { name: r.inviterName, email: r.inviterEmail } : null,
    createdAt: r.createdAt,
    lastSentAt: r.lastSentAt,
    expiresAt: r.expiresAt,
    acceptedAt: r.acceptedAt,
    revokedAt: r.revokedAt,
  }));
}

function selectInvitations(exec: Executor) {
  return exec
    .select(invitationColumns)
    .from(invitations)
    .innerJoin(roles, eq(roles.id, invitations.roleId))
    .leftJoin(users, eq(users.id, invitations.invitedBy));
}

export async function getInvitation(access: OrgAccess, id: string, exec: Executor = db()): Promise<Invitation> {
  requirePermission(access, 'auth.user.read');
  const rows = await selectInvitations(exec).where(and(eq(invitations.id, id), eq(invitations.orgId, access.orgId)));
  if (!rows[0]) throw notFound('Invitation');
  return (await toInvitations(exec, access.orgId, rows))[0]!;
}

/** Newest first (ids are UUIDv7: their order is creation order). */
export async function listInvitations(
  access: OrgAccess,
  query: PageQuery & { status?: InvitationStatus } = {},
): Promise<Page<Invitation>> {
  requirePermission(access, 'auth.user.read');
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 1);
  const rows = await selectInvitations(db())
    .where(
      and(
        eq(invitations.orgId, access.orgId),
        query.status ? statusCondition(query.status, new Date()) : undefined,
        after ? lt(invitations.id, after[0]!) : undefined,
      ),
    )
    .orderBy(desc(invitations.id))
    .limit(limit + 1);
  const items = await toInvitations(db(), access.orgId, rows.slice(0, limit));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
}

/** An open invitation of this organization, locked for the change; accepted or revoked ones are a conflict. */
async function lockOpenInvitation(exec: Executor, access: OrgAccess, id: string) {
  const [row] = await exec
    .select({
      id: invitations.id,
      email: invitations.email,
      role: roles.name,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      appRoleIds: invitations.appRoleIds,
      lastSentAt: invitations.lastSentAt,
    })
    .from(invitations)
    .innerJoin(roles, eq(roles.id, invitations.roleId))
    .where(and(eq(invitations.id, id), eq(invitations.orgId, access.orgId)))
    .for('update', { of: invitations });
  if (!row) throw notFound('Invitation');
  if (row.acceptedAt) throw conflict({ key: 'invitationAccepted' });
  if (row.revokedAt) throw conflict({ key: 'invitationRevoked' });
  return { ...row, role: row.role as SystemRole };
}

/** A new link (the old one stops working) valid for another 7 days, mailed again. */
export async function resendInvitation(access: OrgAccess, id: string, locale?: Locale): Promise<{ invitation: Invitation; token: string }> {
  requirePermission(access, 'auth.user.write');
  const token = generateToken();
  const { email, role } = await db().transaction(async (tx) => {
    const row = await lockOpenInvitation(tx, access, id);
    requireRankAtLeast(access, row.role);
    const now = new Date();
    // Under the row lock: two resends at once cannot both pass the interval.
    assertResendAllowed(row.lastSentAt, now);
    await spendInvitationMail(access.actor, access.orgId, row.email);
    await tx
      .update(invitations)
      .set({ tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_MS), lastSentAt: now })
      .where(eq(invitations.id, id));
    await recordAudit('org.invitation_resent', { userId: actorUserId(access.actor), actor: access.actor, orgId: access.orgId, detail: { orgId: access.orgId, invitationId: id } }, tx);
    return row;
  });
  await mailInvitation(access, email, role, token, locale);
  return { invitation: await getInvitation(access, id), token };
}

export async function revokeInvitation(access: OrgAccess, id: string): Promise<Invitation> {
  requirePermission(access, 'auth.user.write');
  await db().transaction(async (tx) => {
    const row = await lockOpenInvitation(tx, access, id);
    requireRankAtLeast(access, row.role);
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, id));
    await recordAudit('org.invitation_revoked', { userId: actorUserId(access.actor), actor: access.actor, orgId: access.orgId, detail: { orgId: access.orgId, invitationId: id } }, tx);
  });
  return getInvitation(access, id);
}
