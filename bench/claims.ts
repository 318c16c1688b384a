// The claims case of `npm run bench`: claims lookups per second computed (cold: the one query) and
// from the cache (warm: a hit after the listener's sync round trip), and access-token issuance with
// and without them, all in this process on a fresh PostgreSQL database. Lookups are for a member with
// a system role and four application roles, with another application's role beside them (left out).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { closeDb, db } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { applications, memberRoles, permissions, rolePermissions, roles } from '@/db/schema';
import { createPlan } from '@/lib/billing/plans';
import { setManualSubscription } from '@/lib/billing/subscriptions';
import { accessClaims, computeAccessClaims } from '@/lib/claims';
import { computeRoleClaims } from '@/lib/claims/compute';
import { OPERATOR } from '@/lib/domain/actor';
import { claimsCache } from '@/lib/claims/cache';
import { startClaimsListener } from '@/lib/claims/listener';
import { issueAccessToken } from '@/lib/oidc/access-tokens';
import { ensureSigningKeys } from '@/lib/oidc/keys';
import { createVerifiedUser } from '@/lib/users/create-user';
import { tempDir } from '../tests/harness/portal-server';

const run = promisify(execFile);
const PG = ['-h', '127.0.0.1', '-U', 'postgres'];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8) / 2;
const CONCURRENCY = [1, 16];

/** Operations per second of `op`, run by `concurrency` loops for SECONDS (after a short warm-up). */
async function rate(op: () => Promise<unknown>, concurrency: number): Promise<number> {
  const loop = async (until: number) => {
    let n = 0;
    while (performance.now() < until) {
      await op();
      n++;
    }
    return n;
  };
  await Promise.all(Array.from({ length: concurrency }, () => loop(performance.now() + 300)));
  const started = performance.now();
  const counts = await Promise.all(Array.from({ length: concurrency }, () => loop(started + SECONDS * 1000)));
  return counts.reduce((a, b) => a + b, 0) / ((performance.now() - started) / 1000);
}

async function seed(): Promise<{ userId: string; orgId: string; appId: string }> {
  const { userId, orgId } = await createVerifiedUser({ email: 'bench@example.com', password: 'Quiet-Meadow-Lantern-42', name: 'Bench' });
  const [app, other] = await db()
    .insert(applications)
    .values([
      { key: 'projects', name: 'Projects' },
      { key: 'billing', name: 'Billing' },
    ])
    .returning({ id: applications.id });
  const catalogue = (appId: string, service: string) =>
    ['board', 'card', 'comment', 'label', 'member', 'report'].flatMap((resource) =>
      ['read', 'write', 'delete', 'all'].map((action) => ({ key: `${service}.${resource}.${action}`, service, resource, action, applicationId: appId })),
    );
  const own = catalogue(app!.id, 'projects');
  const entries = await db()
    .insert(permissions)
    .values([...own, ...catalogue(other!.id, 'billing')])
    .returning({ id: permissions.id, key: permissions.key });
  const entryOf = new Map(entries.map((e) => [e.key, e.id]));
  const roleRows = await db()
    .insert(roles)
    .values([
      ...['viewer', 'editor', 'moderator', 'reporter'].map((name) => ({ orgId, applicationId: app!.id, name })),
      { orgId, applicationId: other!.id, name: 'accountant' },
    ])
    .returning({ id: roles.id, applicationId: roles.applicationId });
  await db()
    .insert(rolePermissions)
    .values(
      roleRows.flatMap((role, i) =>
        own.slice(i * 4, i * 4 + 8).map((p) => {
          const permissionKey = role.applicationId === app!.id ? p.key : p.key.replace('projects', 'billing');
          return { roleId: role.id, permissionKey, permissionId: entryOf.get(permissionKey)! };
        }),
      ),
    );
  await db().insert(memberRoles).values(roleRows.map((role) => ({ orgId, userId, roleId: role.id })));
  // The organization subscribes to a plan with ten features, beside the application's default plan.
  const features = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`feature_${i}`, i % 3 === 0 ? true : i % 3 === 1 ? i * 10 : 'tier']));
  await createPlan(OPERATOR, app!.id, { key: 'free', name: 'Free', features: { feature_0: false }, isDefault: true });
  await createPlan(OPERATOR, app!.id, { key: 'pro', name: 'Pro', features });
  await setManualSubscription(OPERATOR, { orgId, applicationId: app!.id, planKey: 'pro' });
  return { userId, orgId, appId: app!.id };
}

function line(label: string, value: number, unit: string, base?: number) {
  const ratio = base ? `  (${(value / base).toFixed(2)}x)` : '';
  console.log(`${label.padEnd(54)}: ${value.toFixed(0).padStart(7)} ${unit}${ratio}`);
}

export async function claimsBench() {
  const database = `bench_claims_${process.pid}_${Date.now()}`;
  await run('createdb', [...PG, database]);
  // Read by config() on first use, which none of the earlier cases makes in this process.
  process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${database}`;
  process.env.AUTH_SECRET ??= 'bench-secret-for-the-claims-case-only-0123456789';
  process.env.DATA_DIR ??= tempDir('bench-claims');
  let stopListener: (() => Promise<void>) | undefined;
  try {
    await migrateDatabase();
    await ensureSigningKeys();
    const { userId, orgId, appId } = await seed();
    const sample = await computeAccessClaims(userId, orgId, appId);
    console.log(
      `claims: ${sample?.roles.length} roles, ${sample?.permissions.length} permissions, ${Object.keys(sample?.features ?? {}).length} plan features (PostgreSQL, in process)`,
    );
    const sign = (claims: object | null) =>
      issueAccessToken({ subject: userId, clientId: 'bench', audience: 'bench', scope: 'openid', ttlSeconds: 900, claims: { ...claims } });

    for (const c of CONCURRENCY) {
      const cold = await rate(() => computeAccessClaims(userId, orgId, appId), c);
      line(`claims lookups, cold (computed), ${c} at a time`, cold, 'lookups/s');
      stopListener = await startClaimsListener();
      const warm = await rate(() => accessClaims(userId, orgId, appId), c);
      line(`claims lookups, warm (cached + sync), ${c} at a time`, warm, 'lookups/s', cold);
      if (claimsCache().size !== 1) throw new Error('The warm lookups did not hit the cache');
      await stopListener();
      stopListener = undefined;
    }

    const plain = await rate(() => sign(null), 1);
    line('access token signed, no claims', plain, 'tokens/s');
    const rolesOnly = await rate(async () => sign(await computeRoleClaims(userId, orgId, appId)), 1);
    line('access token signed + roles computed (no features)', rolesOnly, 'tokens/s', plain);
    const withCold = await rate(async () => sign(await computeAccessClaims(userId, orgId, appId)), 1);
    line('access token signed + claims and features computed', withCold, 'tokens/s', rolesOnly);
    stopListener = await startClaimsListener();
    const rolesCached = await rate(async () => sign(await claimsCache().lookup(userId, orgId, `${appId}-roles`, async () => ({ value: await computeRoleClaims(userId, orgId, appId), expiresAt: null }))), 1);
    line('access token signed + roles cached (no features)', rolesCached, 'tokens/s', plain);
    const withWarm = await rate(async () => sign(await accessClaims(userId, orgId, appId)), 1);
    line('access token signed + claims and features cached', withWarm, 'tokens/s', rolesCached);
  } finally {
    await stopListener?.();
    await closeDb();
    await run('dropdb', [...PG, '--force', database]);
  }
}
