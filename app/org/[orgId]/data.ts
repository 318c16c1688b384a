import { asc } from 'drizzle-orm';
import { getTranslations } from 'next-intl/server';
import { db } from '@/db';
import { applications } from '@/db/schema';
import type { SystemRole } from '@/lib/rbac/catalogue';

/** The company's applications, for the console's pickers (every organization may use each of them). */
export async function listApplications(): Promise<{ id: string; key: string; name: string }[]> {
  return db().select({ id: applications.id, key: applications.key, name: applications.name }).from(applications).orderBy(asc(applications.name));
}

/** English names of the system roles, for code not yet translated; pages use roleLabels(). */
export const roleLabel: Record<string, string> = { owner: 'Owner', admin: 'Admin', user: 'Member' };

/** The system roles' names in the request's language (common roles.*): Owner, Admin, Member. */
export async function roleLabels(): Promise<Record<SystemRole, string>> {
  const t = await getTranslations('common');
  return { owner: t('roles.owner'), admin: t('roles.admin'), user: t('roles.user') };
}

/** A role's name as people read it: a built-in role by its translated name, any other as named. */
export function roleName(role: { name: string; isSystem: boolean }, labels: Record<SystemRole, string>): string {
  return role.isSystem && role.name in labels ? labels[role.name as SystemRole] : role.name;
}

/** A day as the page's language writes it ("3 Mar 2026", "3 mars 2026"); UTC, like billing periods. */
export function formatDate(date: Date, locale: string): string {
  return date.toLocaleDateString(locale === 'en' ? 'en-GB' : locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
