// An organization's own identity provider (single sign-on, issue #16): its connection, the email
// domains it claims (routing sign-ins only once a platform administrator confirmed them), the
// default role of people it brings in, whether members must use it, and its group → role mapping.
// The organization's superusers (owners, platform administrators) manage it.
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Executor } from '@/db';
import { isUniqueViolation } from '@/db/errors';
import { accounts, applications, identityProviders, organizations, roles, ssoDomains, ssoGroupRoles } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { config } from '@/lib/config';
import type { Actor } from '@/lib/domain/actor';
import { conflict, forbidden, notFound, unprocessable } from '@/lib/domain/errors';
import { sealSecret } from '@/lib/oidc/secret-box';
import type { OrgAccess } from '@/lib/orgs/access';
import { requirePlatformActor } from '@/lib/platform/actors';
import { IDENTITY_PROVIDER_SECRET_PURPOSE, identityProviderRedirectUri, issuerUrl } from './providers';

export const orgSsoSchema = z.object({
  issuer: issuerUrl,
  clientId: z.string().trim().min(1, 'ssoClientId').max(255, 'atMost').regex(/^[^\u0000-\u001f\u007f]*$/, 'ssoClientId'),
  /** Empty keeps the stored one; required the first time. */
  clientSecret: z.string().max(1024, 'atMost').optional(),
  defaultRoleId: z.string().max(100).optional(),
  requireSso: z.boolean().default(false),
});
export type OrgSsoInput = z.output<typeof orgSsoSchema>;

/** A domain as people type it after the "@": letters, digits, hyphens, at least one dot. */
export const ssoDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'atMost')
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'ssoDomainFormat');

/** A group name as the IdP sends it: printable, at most 255 characters. */
export const ssoGroupNameSchema = z.string().trim().min(1, 'ssoGroupName').max(255, 'atMost').regex(/^[^\u0000-\u001f\u007f]*$/, 'ssoGroupName');

export type OrgSso = {
  providerId: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  defaultRoleId: string | null;
  requireSso: boolean;
  domains: { id: string; domain: string; confirmedAt: Date | null }[];
  groupRoles: { groupName: string; roleId: string; roleName: string; applicationName: string | null }[];
};

/**
 * An organization's IdP has a fixed id, so the redirect URI to register there is known before it
 * is connected (an IdP that issues the client secret only for a registered redirect URI needs that).
 */
export function orgSsoProviderId(orgId: string): string {
  return `sso-${orgId}`;
}

export function orgSsoRedirectUri(orgId: string): string {
  return identityProviderRedirectUri(orgSsoProviderId(orgId));
}

function requireSuperuser(access: OrgAccess): void {
  if (!access.superuser) throw forbidden({ key: 'ssoOwnerOnly' });
}

async function orgProvider(exec: Executor, orgId: string) {
  const [row] = await exec.select().from(identityProviders).where(eq(identityProviders.orgId, orgId));
  return row ?? null;
}

/** The organization's single sign-on as its console shows it; null when none is connected. */
export async function getOrgSso(access: OrgAccess): Promise<OrgSso | null> {
  requireSuperuser(access);
  const row = await orgProvider(db(), access.orgId);
  if (!row) return null;
  const [domains, groupRoles] = await Promise.all([
    db().select({ id: ssoDomains.id, domain: ssoDomains.domain, confirmedAt: ssoDomains.confirmedAt }).from(ssoDomains).where(eq(ssoDomains.providerId, row.id)).orderBy(asc(ssoDomains.domain)),
    db()
      .select({ groupName: ssoGroupRoles.groupName, roleId: ssoGroupRoles.roleId, roleName: roles.name, applicationName: applications.name })
      .from(ssoGroupRoles)
      .innerJoin(roles, eq(roles.id, ssoGroupRoles.roleId))
      .leftJoin(applications, eq(applications.id, roles.applicationId))
      .where(eq(ssoGroupRoles.providerId, row.id))
      .orderBy(asc(ssoGroupRoles.groupName)),
  ]);
  return {
    providerId: row.id,
    issuer: row.issuer!,
    clientId: row.clientId,
    redirectUri: identityProviderRedirectUri(row.id),
    defaultRoleId: row.defaultRoleId,
    requireSso: row.requireSso,
    domains,
    groupRoles,
  };
}

/** A role of this organization that SSO may hand out: any but `owner` (owners are made by hand). */
async function assignableRole(exec: Executor, orgId: string, roleId: string) {
  const [role] = await exec.select({ id: roles.id, name: roles.name, isSystem: roles.isSystem, applicationId: roles.applicationId }).from(roles).where(and(eq(roles.id, roleId), eq(roles.orgId, orgId)));
  if (!role || (role.isSystem && role.name === 'owner')) throw unprocessable({ key: 'ssoRoleNotAllowed' });
  return role;
}

/** Connects (or reconfigures) the organization's IdP: a generic OpenID Connect provider found from its issuer. */
export async function configureOrgSso(access: OrgAccess, input: OrgSsoInput, meta?: ClientMeta): Promise<void> {
  requireSuperuser(access);
  await db().transaction(async (tx) => {
    const existing = await orgProvider(tx, access.orgId);
    const secret = input.clientSecret?.trim() || null;
    // A secret is for one IdP and client: pointing the connection elsewhere must not send it there.
    const sameClient = existing && existing.issuer === input.issuer && existing.clientId === input.clientId;
    if (!secret && !sameClient) throw unprocessable({ key: 'ssoSecretRequired' });
    const defaultRoleId = input.defaultRoleId ? (await assignableRole(tx, access.orgId, input.defaultRoleId)).id : null;
    const values = {
      issuer: input.issuer,
      clientId: input.clientId,
      defaultRoleId,
      requireSso: input.requireSso,
      ...(secret ? { clientSecretSealed: sealSecret(secret, config().authSecret, IDENTITY_PROVIDER_SECRET_PURPOSE) } : {}),
    };
    const detail = { issuer: input.issuer, client_id: input.clientId, require_sso: input.requireSso, default_role_id: defaultRoleId, secret_changed: secret !== null };
    // What the person's account lists it as (Sign-in methods).
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, access.orgId));
    const name = `${org!.name} SSO`;
    if (existing) {
      await tx.update(identityProviders).set({ ...values, name }).where(eq(identityProviders.id, existing.id));
      // Another IdP's subject identifiers are not the old one's: a link made through the old IdP
      // must not sign in whoever the new one gives the same `sub`.
      if (existing.issuer !== input.issuer) await tx.delete(accounts).where(eq(accounts.provider, existing.id));
    } else {
      await tx.insert(identityProviders).values({
        ...values,
        id: orgSsoProviderId(access.orgId),
        type: 'oidc',
        name,
        orgId: access.orgId,
        clientSecretSealed: values.clientSecretSealed!,
      });
    }
    await recordAudit('org.sso_configured', { actor: access.actor, orgId: access.orgId, meta, detail }, tx);
  });
}

/** Disconnects the IdP: its domains, mapping and links go with it. */
export async function removeOrgSso(access: OrgAccess, meta?: ClientMeta): Promise<void> {
  requireSuperuser(access);
  await db().transaction(async (tx) => {
    const removed = await tx.delete(identityProviders).where(eq(identityProviders.orgId, access.orgId)).returning({ id: identityProviders.id });
    if (!removed.length) throw notFound('Single sign-on');
    await recordAudit('org.sso_removed', { actor: access.actor, orgId: access.orgId, meta }, tx);
  });
}

async function requireOrgProvider(exec: Executor, orgId: string) {
  const row = await orgProvider(exec, orgId);
  if (!row) throw unprocessable({ key: 'ssoNotConfigured' });
  return row;
}

/** Claims a domain for the organization's IdP; it routes nobody until a platform administrator confirms it. */
export async function addSsoDomain(access: OrgAccess, domain: string, meta?: ClientMeta): Promise<void> {
  requireSuperuser(access);
  try {
    await db().transaction(async (tx) => {
      const provider = await requireOrgProvider(tx, access.orgId);
      await tx.insert(ssoDomains).values({ providerId: provider.id, domain });
      await recordAudit('org.sso_domain_added', { actor: access.actor, orgId: access.orgId, meta, detail: { domain } }, tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict({ key: 'ssoDomainTaken', values: { domain } });
    throw error;
  }
}

export async function removeSsoDomain(access: OrgAccess, domainId: string, meta?: ClientMeta): Promise<void> {
  requireSuperuser(access);
  await db().transaction(async (tx) => {
    const provider = await requireOrgProvider(tx, access.orgId);
    const [row] = await tx.delete(ssoDomains).where(and(eq(ssoDomains.id, domainId), eq(ssoDomains.providerId, provider.id))).returning();
    if (!row) throw notFound('Domain');
    await recordAudit('org.sso_domain_removed', { actor: access.actor, orgId: access.orgId, meta, detail: { domain: row.domain } }, tx);
  });
}

/** A group of the IdP grants a role of this organization (its own or an application's), never `owner`. */
export async function addSsoGroupRole(access: OrgAccess, groupName: string, roleId: string, meta?: ClientMeta): Promise<void> {
  requireSuperuser(access);
  if (!ssoGroupNameSchema.safeParse(groupName).success) throw unprocessable({ key: 'ssoGroupName' });
  await db().transaction(async (tx) => {
    const provider = await requireOrgProvider(tx, access.orgId);
    await assignableRole(tx, access.orgId, roleId);
    const added = await tx.insert(ssoGroupRoles).values({ providerId: provider.id, groupName, roleId }).onConflictDoNothing().returning({ roleId: ssoGroupRoles.roleId });
    if (!added.length) return;
    await recordAudit('org.sso_group_mapped', { actor: access.actor, orgId: access.orgId, meta, detail: { group: groupName, role_id: roleId } }, tx);
  });
}

export async function removeSsoGroupRole(access: OrgAccess, groupName: string, roleId: string, meta?: ClientMeta): Promise<void> {
  requireSuperuser(access);
  await db().transaction(async (tx) => {
    const provider = await requireOrgProvider(tx, access.orgId);
    const removed = await tx
      .delete(ssoGroupRoles)
      .where(and(eq(ssoGroupRoles.providerId, provider.id), eq(ssoGroupRoles.groupName, groupName), eq(ssoGroupRoles.roleId, roleId)))
      .returning({ roleId: ssoGroupRoles.roleId });
    if (!removed.length) throw notFound('Mapping');
    await recordAudit('org.sso_group_unmapped', { actor: access.actor, orgId: access.orgId, meta, detail: { group: groupName, role_id: roleId } }, tx);
  });
}

export type SsoDomainClaim = { id: string; domain: string; orgId: string; confirmedAt: Date | null; createdAt: Date };

/** Every claimed domain, for the platform's confirmation (pending ones first). */
export async function listSsoDomains(actor: Actor): Promise<SsoDomainClaim[]> {
  requirePlatformActor(actor);
  const rows = await db()
    .select({ id: ssoDomains.id, domain: ssoDomains.domain, orgId: identityProviders.orgId, confirmedAt: ssoDomains.confirmedAt, createdAt: ssoDomains.createdAt })
    .from(ssoDomains)
    .innerJoin(identityProviders, eq(identityProviders.id, ssoDomains.providerId))
    // Waiting ones (no confirmation yet) first.
    .orderBy(sql`${ssoDomains.confirmedAt} is not null`, asc(ssoDomains.domain));
  return rows.map((r) => ({ ...r, orgId: r.orgId! }));
}

/** A platform administrator vouches that the organization owns the domain (recorded in the audit log). */
export async function confirmSsoDomain(actor: Actor, domain: string, meta?: ClientMeta): Promise<SsoDomainClaim> {
  requirePlatformActor(actor);
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(ssoDomains)
      .set({ confirmedAt: new Date(), confirmedBy: actor.kind === 'user' ? actor.userId : null })
      .where(eq(ssoDomains.domain, domain.trim().toLowerCase()))
      .returning();
    if (!row) throw notFound('Domain');
    const [provider] = await tx.select({ orgId: identityProviders.orgId }).from(identityProviders).where(eq(identityProviders.id, row.providerId));
    await recordAudit('platform.sso_domain_confirmed', { actor, orgId: provider!.orgId, meta, detail: { domain: row.domain } }, tx);
    return { id: row.id, domain: row.domain, orgId: provider!.orgId!, confirmedAt: row.confirmedAt, createdAt: row.createdAt };
  });
}
