import { eq, or } from 'drizzle-orm';
import { db } from '@/db';
import { applications } from '@/db/schema';

export function applicationKeyFrom(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'app';
}

export class ApplicationKeyTaken extends Error {}

export async function createApplication(input: { name: string; key?: string }) {
  const key = input.key ?? applicationKeyFrom(input.name);
  const [row] = await db()
    .insert(applications)
    .values({ name: input.name, key })
    .onConflictDoNothing({ target: applications.key })
    .returning({ id: applications.id, key: applications.key });
  if (!row) throw new ApplicationKeyTaken(`An application with key "${key}" already exists`);
  return row;
}

/** By id or by key. */
export async function findApplication(idOrKey: string) {
  const [row] = await db()
    .select()
    .from(applications)
    .where(or(eq(applications.id, idOrKey), eq(applications.key, idOrKey)));
  return row ?? null;
}
