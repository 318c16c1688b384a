import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';

/** Standard claims released by scope (OIDC Core §5.4). */
export async function profileClaims(userId: string, scopes: string[]): Promise<Record<string, unknown> | null> {
  const [user] = await db()
    .select({ name: users.name, email: users.email, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  return {
    ...(scopes.includes('profile') ? { name: user.name ?? undefined } : {}),
    ...(scopes.includes('email') ? { email: user.email, email_verified: Boolean(user.emailVerified) } : {}),
  };
}
