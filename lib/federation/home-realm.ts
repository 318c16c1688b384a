// Home-realm discovery (issue #16): which organization IdP an email address belongs to, through
// the domains a platform administrator confirmed. Kept apart from org-sso.ts so that password
// sign-in can ask without importing the console's side.
import { and, eq, isNotNull } from 'drizzle-orm';
import { db } from '@/db';
import { identityProviders, ssoDomains, users } from '@/db/schema';

/** What follows the "@", lower-cased. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** Home-realm discovery: the organization IdP that an address's confirmed domain belongs to. */
export async function ssoForEmail(email: string): Promise<{ providerId: string; orgId: string; requireSso: boolean } | null> {
  const domain = emailDomain(email);
  if (!domain) return null;
  const [row] = await db()
    .select({ providerId: identityProviders.id, orgId: identityProviders.orgId, requireSso: identityProviders.requireSso })
    .from(ssoDomains)
    .innerJoin(identityProviders, eq(identityProviders.id, ssoDomains.providerId))
    .where(and(eq(ssoDomains.domain, domain), isNotNull(ssoDomains.confirmedAt)));
  return row ? { providerId: row.providerId, orgId: row.orgId!, requireSso: row.requireSso } : null;
}

/** The confirmed domains of an organization IdP (an address outside them is refused by it). */
export async function confirmedDomainsOf(providerId: string): Promise<string[]> {
  const rows = await db()
    .select({ domain: ssoDomains.domain })
    .from(ssoDomains)
    .where(and(eq(ssoDomains.providerId, providerId), isNotNull(ssoDomains.confirmedAt)));
  return rows.map((r) => r.domain);
}

/** Whether the user's address is in a domain whose organization requires single sign-on (every other way in is refused). */
export async function ssoRequiredForUser(userId: string): Promise<boolean> {
  const [user] = await db().select({ email: users.email }).from(users).where(eq(users.id, userId));
  return user ? ((await ssoForEmail(user.email))?.requireSso ?? false) : false;
}
