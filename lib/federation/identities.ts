// People's identities at upstream providers (issue #16): the account made on a first federated
// sign-in, the record of each link, the list on the account page, and unlinking, which never takes
// away the last way into an account.
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { accounts, identityProviders, passkeys, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { createOrganization, defaultOrganizationName } from '@/lib/orgs/organizations';
import { applySsoMembership, type OrgSsoProvider } from './sso-membership';

export type NewFederatedUser = {
  email: string;
  name: string | null;
  image: string | null;
  emailVerified: boolean;
  providerId: string;
  /** Set when the provider is an organization's IdP: the person joins it instead of getting an organization of their own. */
  sso?: { provider: OrgSsoProvider; groups: string[] };
};

/**
 * A person's first sign-in through an upstream provider: the account and its organization (owned
 * by them, as a sign-up makes) or, through an organization's IdP, their membership there; in one
 * transaction. The address counts as verified only when the provider asserted it.
 */
export async function createFederatedUser(input: NewFederatedUser, meta: ClientMeta) {
  return db().transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email.toLowerCase(), name: input.name, image: input.image, emailVerified: input.emailVerified ? new Date() : null })
      .returning();
    let orgId: string;
    if (input.sso) {
      orgId = input.sso.provider.orgId;
      await applySsoMembership(tx, user!.id, input.sso.provider, input.sso.groups, meta);
      await tx.update(users).set({ activeOrgId: orgId }).where(eq(users.id, user!.id));
    } else {
      orgId = (await createOrganization(tx, { name: defaultOrganizationName(input.name, input.email), userId: user!.id })).orgId;
    }
    const detail = { orgId, method: 'federated', identity_provider_id: input.providerId, email_verified: input.emailVerified };
    await recordAudit('user.sign_up', { userId: user!.id, meta, detail }, tx);
    return user!;
  });
}

/** After Auth.js linked an identity: the address it came with, and the audit entry. */
export async function recordLinkedIdentity(
  link: { userId: string; providerId: string; providerAccountId: string; email: string | null },
  meta: ClientMeta,
): Promise<void> {
  await db().transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ email: link.email })
      .where(and(eq(accounts.provider, link.providerId), eq(accounts.providerAccountId, link.providerAccountId)));
    const detail = { identity_provider_id: link.providerId, provider_account_id: link.providerAccountId };
    await recordAudit('user.identity_linked', { userId: link.userId, meta, detail }, tx);
  });
}

/** Whether unlinking one identity would still leave a way in (the page offers Unlink only then). */
export async function canUnlinkOne(userId: string): Promise<boolean> {
  return (await waysIn(db(), userId)) > 1;
}

export type LinkedIdentity = { providerId: string; providerName: string; providerAccountId: string; email: string | null; linkedAt: Date };

/** The identities linked to a user, oldest first. */
export async function linkedIdentities(userId: string): Promise<LinkedIdentity[]> {
  return db()
    .select({
      providerId: accounts.provider,
      providerName: identityProviders.name,
      providerAccountId: accounts.providerAccountId,
      email: accounts.email,
      linkedAt: accounts.createdAt,
    })
    .from(accounts)
    .innerJoin(identityProviders, eq(identityProviders.id, accounts.provider))
    .where(eq(accounts.userId, userId))
    .orderBy(asc(accounts.createdAt));
}

/** Every way the account can be signed into: its password, its passkeys, its linked identities. `lock` holds the user row for the transaction. */
async function waysIn(exec: Executor, userId: string, lock = false): Promise<number> {
  const query = exec.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  const [user] = lock ? await query.for('update') : await query;
  if (!user) return 0;
  const [keys] = await exec.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId));
  const [links] = await exec.select({ n: count() }).from(accounts).where(eq(accounts.userId, userId));
  return (user.passwordHash ? 1 : 0) + keys!.n + links!.n;
}

/**
 * Unlinks one of the user's own identities. Refused when it is the last way in (no password, no
 * passkey, no other identity); the user row is locked so two unlinks at once cannot both pass.
 */
export async function unlinkIdentity(
  userId: string,
  identity: { providerId: string; providerAccountId: string },
  meta: ClientMeta,
): Promise<'unlinked' | 'last_method' | 'not_found'> {
  const own = and(eq(accounts.userId, userId), eq(accounts.provider, identity.providerId), eq(accounts.providerAccountId, identity.providerAccountId));
  return db().transaction(async (tx) => {
    const ways = await waysIn(tx, userId, true);
    const [found] = await tx.select({ userId: accounts.userId }).from(accounts).where(own);
    if (!found) return 'not_found';
    if (ways <= 1) return 'last_method';
    await tx.delete(accounts).where(own);
    const detail = { identity_provider_id: identity.providerId, provider_account_id: identity.providerAccountId };
    await recordAudit('user.identity_unlinked', { userId, meta, detail }, tx);
    return 'unlinked';
  });
}

/** What the sign-in page shows of the registry: a button per provider, oldest first. */
export async function signInProviders(): Promise<{ id: string; name: string }[]> {
  return db()
    .select({ id: identityProviders.id, name: identityProviders.name })
    .from(identityProviders)
    .where(isNull(identityProviders.orgId))
    .orderBy(asc(identityProviders.id));
}
