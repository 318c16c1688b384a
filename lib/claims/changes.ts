import { sql } from 'drizzle-orm';
import type { Executor } from '@/db';

export const CLAIMS_CHANNEL = 'claims_changed';
export const APPLICATION_RESOURCES_CHANNEL = 'application_resources_changed';
export const CLIENTS_CHANNEL = 'oauth_clients_changed';
export const TOKENS_REVOKED_CHANNEL = 'oauth_tokens_revoked';
/** Every channel lib/claims/listener.ts listens on, each invalidating its cache (cache.ts's notifiedCache). */
export const CHANGE_CHANNELS: readonly string[] = [CLAIMS_CHANNEL, APPLICATION_RESOURCES_CHANNEL, CLIENTS_CHANNEL, TOKENS_REVOKED_CHANNEL];

/**
 * Announces a change on `channel` to every instance. Call it inside the transaction that makes the
 * change: PostgreSQL delivers a NOTIFY only on commit, so no instance drops its cache before the
 * change is visible.
 */
export async function notifyChange(exec: Executor, channel: string, scope: string): Promise<void> {
  await exec.execute(sql`select pg_notify(${channel}, ${scope})`);
}

/** Access claims in `orgId` may have changed (membership, role, permission or assignment). */
export function notifyClaimsChanged(exec: Executor, orgId: string): Promise<void> {
  return notifyChange(exec, CLAIMS_CHANNEL, orgId);
}

/** Access claims in every organization may have changed (a plan's features edited). */
export function notifyAllClaimsChanged(exec: Executor): Promise<void> {
  return notifyChange(exec, CLAIMS_CHANNEL, '*');
}

/** The resource servers `applicationId` declares have changed. */
export function notifyApplicationResourcesChanged(exec: Executor, applicationId: string): Promise<void> {
  return notifyChange(exec, APPLICATION_RESOURCES_CHANNEL, applicationId);
}

/** A client was changed, disabled or deleted: every instance drops its cached copy (lib/oidc/clients.ts). */
export function notifyClientChanged(exec: Executor, clientId: string): Promise<void> {
  return notifyChange(exec, CLIENTS_CHANNEL, clientId);
}

