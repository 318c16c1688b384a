import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { invitations, memberRoles, memberships, organizations, roles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { hashToken } from '@/lib/auth/tokens';
import { notifyClaimsChanged } from '@/lib/claims/changes';

/** What the accept page shows about a usable invitation (only to whoever holds its link). */
export type InvitationPreview = {
  orgId: string;
  organizationName: string;
  email: string;
  role: string;
  appRoles: string[];
  invitedBy: string | null;
  expiresAt: Date;
  /** Whether the invited address has an account: sign in, or sign up on the page. */
  accountExists: boolean;
};

/** One answer for unknown, used, expired and revoked links: the page says the same for each. */
export const UNUSABLE_INVITATION = 'This invitation link cannot be used. It may have expired, been revoked or been used already. Ask the person who invited you for a new one.';

const usable = (tokenHash: string) =>
  and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date()));

export async function invitationByToken(token: string): Promise<InvitationPreview | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db()
    .select({
      orgId: invitations.orgId,
      organizationName: organizations.name,
      email: invitations.email,
      role: roles.name,
      appRoleIds: invitations.appRoleIds,
      expiresAt: invitations.expiresAt,
      inviterName: users.name,
      inviterEmail: users.email,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .innerJoin(roles, eq(roles.id, invitations.roleId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(usable(hashToken(token)));
  if (!row) return null;
  const appRoles = row.appRoleIds.length
    ? await db().select({ name: roles.name }).from(roles).where(and(eq(roles.orgId, row.orgId), inArray(roles.id, row.appRoleIds)))
    : [];
  const [account] = await db().select({ id: users.id }).from(users).where(eq(users.email, row.email));
  return {
    orgId: row.orgId,
    organizationName: row.organizationName,
    email: row.email,
    role: row.role,
    appRoles: appRoles.map((r) => r.name),
    invitedBy: row.inviterName ?? row.inviterEmail,
    expiresAt: row.expiresAt,
    accountExists: Boolean(account),
  };
}

export type AcceptResult =
  | { ok: true; orgId: string; role: string; alreadyMember: boolean }
  | { ok: false; reason: 'unusable' }
  | { ok: false; reason: 'wrong_account'; invitedEmail: string };

/**
 * Spends the invitation for `user` inside `exec` (a transaction): membership with the invited
 * system role, the application roles that still exist, and the claims change notice. The row
 * lock makes the link single use even under concurrent accepts.
 */
export async function acceptInvitationIn(
  exec: Executor,
  token: string,
  user: { id: string; email: string },
  meta?: ClientMeta,
): Promise<AcceptResult> {
  if (!token || token.length > 200) return { ok: false, reason: 'unusable' };
  const [invite] = await exec
    .select({ id: invitations.id, orgId: invitations.orgId, email: invitations.email, roleId: invitations.roleId, appRoleIds: invitations.appRoleIds })
    .from(invitations)
    .where(usable(hashToken(token)))
    .for('update');
  if (!invite) return { ok: false, reason: 'unusable' };
  if (invite.email !== user.email.toLowerCase()) return { ok: false, reason: 'wrong_account', invitedEmail: invite.email };

  const [role] = await exec.select({ name: roles.name }).from(roles).where(eq(roles.id, invite.roleId));
  const joined = await exec
    .insert(memberships)
    .values({ orgId: invite.orgId, userId: user.id, roleId: invite.roleId })
    .onConflictDoNothing()
    .returning({ userId: memberships.userId });
  // Someone who became a member meanwhile keeps the role they have; the link is spent either way.
  const alreadyMember = joined.length === 0;
  if (!alreadyMember && invite.appRoleIds.length) {
    const still = await exec
      .select({ id: roles.id })
      .from(roles)
      .where(and(eq(roles.orgId, invite.orgId), eq(roles.isSystem, false), inArray(roles.id, invite.appRoleIds)));
    if (still.length) {
      await exec.insert(memberRoles).values(still.map((r) => ({ orgId: invite.orgId, userId: user.id, roleId: r.id }))).onConflictDoNothing();
    }
  }
  await exec.update(invitations).set({ acceptedAt: new Date(), acceptedBy: user.id }).where(eq(invitations.id, invite.id));
  await notifyClaimsChanged(exec, invite.orgId);
  await recordAudit(
    'org.invitation_accepted',
    { userId: user.id, meta, detail: { orgId: invite.orgId, invitationId: invite.id, alreadyMember } },
    exec,
  );
  return { ok: true, orgId: invite.orgId, role: role?.name ?? 'user', alreadyMember };
}

/** A signed-in user accepts: their address must be the invited one. */
export async function acceptInvitation(token: string, userId: string, meta?: ClientMeta): Promise<AcceptResult> {
  return db().transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId));
    if (!user) return { ok: false as const, reason: 'unusable' as const };
    return acceptInvitationIn(tx, token, user, meta);
  });
}
