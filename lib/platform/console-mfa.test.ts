import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedTestDb } from '@/lib/auth/embedded-test-db';

let cleanup: () => Promise<void>;
let userId: string;
let orgId: string;

beforeAll(async () => {
  cleanup = await openEmbeddedTestDb();
  const { db } = await import('@/db');
  const { memberships, organizations, roles, users } = await import('@/db/schema');
  const [user] = await db().insert(users).values({ email: 'admin@example.com', platformRole: 'admin' }).returning({ id: users.id });
  const [org] = await db().insert(organizations).values({ name: 'Acme' }).returning({ id: organizations.id });
  const [role] = await db().insert(roles).values({ orgId: org!.id, name: 'user', isSystem: true }).returning({ id: roles.id });
  await db().insert(memberships).values({ orgId: org!.id, userId: user!.id, roleId: role!.id });
  userId = user!.id;
  orgId = org!.id;
}, 60_000);
afterAll(() => cleanup?.());

describe('the platform console’s second-factor rule', () => {
  it('asks for a second factor when ADMIN_REQUIRE_MFA says so or an organization of the administrator requires it, and a multi-factor session meets it', async () => {
    const { db } = await import('@/db');
    const { organizations } = await import('@/db/schema');
    const { eq } = await import('drizzle-orm');
    const { platformMfaRequirement } = await import('./console-mfa');
    const password = { userId, amr: ['pwd'] };
    expect(await platformMfaRequirement(password, false)).toBe('met');
    // No factor enrolled yet: the way on is enrollment.
    expect(await platformMfaRequirement(password, true)).toBe('enroll');
    await db().update(organizations).set({ requireMfa: true }).where(eq(organizations.id, orgId));
    expect(await platformMfaRequirement(password, false)).toBe('enroll');
    expect(await platformMfaRequirement({ userId, amr: ['pwd', 'otp', 'mfa'] }, true)).toBe('met');
  });
});
