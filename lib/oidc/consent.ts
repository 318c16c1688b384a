import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import { consents } from '@/db/schema';

/** Whether the user has already allowed this client every one of these scopes. */
export async function hasConsent(userId: string, clientId: string, scopes: string[]): Promise<boolean> {
  const [row] = await db()
    .select({ scopes: consents.scopes })
    .from(consents)
    .where(and(eq(consents.userId, userId), eq(consents.clientId, clientId)));
  return Boolean(row && scopes.every((s) => row.scopes.includes(s)));
}

/** Remembers the allowed scopes (added to what was allowed before). */
export async function saveConsent(userId: string, clientId: string, scopes: string[]): Promise<void> {
  const [row] = await db()
    .select({ scopes: consents.scopes })
    .from(consents)
    .where(and(eq(consents.userId, userId), eq(consents.clientId, clientId)));
  const merged = [...new Set([...(row?.scopes ?? []), ...scopes])];
  await db()
    .insert(consents)
    .values({ userId, clientId, scopes: merged })
    .onConflictDoUpdate({ target: [consents.userId, consents.clientId], set: { scopes: merged, updatedAt: new Date() } });
}
