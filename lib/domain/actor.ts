import { eq } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { users } from '@/db/schema';

/**
 * Who is asking: a signed-in person, a client_credentials token carrying admin scopes, or the
 * operator at the machine (the CLI, which already holds the database).
 */
export type Actor =
  | { kind: 'user'; userId: string; platformAdmin: boolean }
  | { kind: 'client'; clientId: string; scopes: readonly string[]; adminOrgId: string | null }
  | { kind: 'operator' };

export const OPERATOR: Actor = { kind: 'operator' };

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/** Platform-wide actors: platform admins and admin clients not bound to one organization. */
export function isPlatformActor(actor: Actor): boolean {
  if (actor.kind === 'operator') return true;
  return actor.kind === 'user' ? actor.platformAdmin : actor.adminOrgId === null;
}

/** The actor for a signed-in portal user. */
export async function userActor(userId: string, exec: Executor = db()): Promise<Actor> {
  const [user] = await exec.select({ platformRole: users.platformRole }).from(users).where(eq(users.id, userId));
  return { kind: 'user', userId, platformAdmin: user?.platformRole === 'admin' };
}
