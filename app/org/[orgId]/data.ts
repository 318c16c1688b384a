import { asc } from 'drizzle-orm';
import { db } from '@/db';
import { applications } from '@/db/schema';

/** The company's applications, for the console's pickers (every organization may use each of them). */
export async function listApplications(): Promise<{ id: string; key: string; name: string }[]> {
  return db().select({ id: applications.id, key: applications.key, name: applications.name }).from(applications).orderBy(asc(applications.name));
}

export const roleLabel: Record<string, string> = { owner: 'Owner', admin: 'Admin', user: 'Member' };

export function formatDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
