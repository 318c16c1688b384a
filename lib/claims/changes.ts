import { sql } from 'drizzle-orm';
import type { Executor } from '@/db';

export const CLAIMS_CHANNEL = 'claims_changed';

/**
 * Announces that access claims in `orgId` may have changed (membership, role, permission or
 * assignment). Call it inside the transaction that makes the change: PostgreSQL delivers a
 * NOTIFY only on commit, so no instance drops its cache before the change is visible.
 */
export async function notifyClaimsChanged(exec: Executor, orgId: string): Promise<void> {
  await exec.execute(sql`select pg_notify(${CLAIMS_CHANNEL}, ${orgId})`);
}
