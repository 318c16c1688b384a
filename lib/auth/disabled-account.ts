import { eq } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { users } from '@/db/schema';

/** Whether a platform administrator disabled the account: it may not sign in or keep a session. */
export async function isAccountDisabled(userId: string, exec: Executor = db()): Promise<boolean> {
  const [row] = await exec.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
  return Boolean(row?.disabledAt);
}
