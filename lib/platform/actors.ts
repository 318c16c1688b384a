import { eq } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { oauthClients } from '@/db/schema';
import { type Actor, isPlatformActor } from '@/lib/domain/actor';
import { forbidden } from '@/lib/domain/errors';
import { listMemberships } from '@/lib/orgs/organizations';

export function requirePlatformActor(actor: Actor): void {
  if (!isPlatformActor(actor)) throw forbidden('Only a platform administrator can do this.');
}

/**
 * Handing out admin:* scopes creates a lasting credential over organizations, so it is kept to
 * people: a platform administrator or the operator at the CLI, never another admin client.
 */
export function requireMayGrantAdminScopes(actor: Actor): void {
  const person = actor.kind === 'operator' || (actor.kind === 'user' && actor.platformAdmin);
  if (!person) throw forbidden('Only a platform administrator can give a client admin or consumption scopes.');
}

/** Anyone who administers something: platform actors, admin clients, owners and admins of an organization. */
export async function requireAdministrator(actor: Actor): Promise<void> {
  if (isPlatformActor(actor) || actor.kind === 'client') return;
  if (actor.kind !== 'user') return;
  const memberships = await listMemberships(actor.userId);
  if (!memberships.some((m) => m.role === 'owner' || m.role === 'admin')) {
    throw forbidden('Only administrators of an organization can list applications.');
  }
}

/**
 * Who changes an application's shared permission catalogue: platform actors, and the
 * application's own admin clients (its back-end declaring what it checks). Everyone else adds
 * and removes only their organization's own permissions.
 */
export async function mayChangeSharedCatalogue(actor: Actor, applicationId: string, exec: Executor = db()): Promise<boolean> {
  if (isPlatformActor(actor)) return true;
  if (actor.kind !== 'client') return false;
  const [client] = await exec.select({ applicationId: oauthClients.applicationId }).from(oauthClients).where(eq(oauthClients.id, actor.clientId));
  return client?.applicationId === applicationId;
}
