import { db } from '@/db';
import { users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password-hash';
import { conflict } from '@/lib/domain/errors';
import { insertMembership, createOrganization, defaultOrganizationName } from '@/lib/orgs/organizations';
import type { SystemRole } from '@/lib/rbac/catalogue';

/**
 * An administrative account creation (CLI, later the admin API): verified at once, in its own new
 * organization as owner, or in an existing one with the given role.
 */
export async function createVerifiedUser(input: {
  email: string;
  password: string;
  name: string | null;
  org?: { id: string; role: SystemRole };
  platformAdmin?: boolean;
}): Promise<{ userId: string; orgId: string }> {
  const passwordHash = await hashPassword(input.password);
  return db().transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        passwordHash,
        emailVerified: new Date(),
        platformRole: input.platformAdmin ? 'admin' : null,
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) throw conflict(`A user with email ${input.email} already exists.`);
    if (input.org) {
      await insertMembership(tx, input.org.id, user.id, input.org.role);
      return { userId: user.id, orgId: input.org.id };
    }
    const { orgId } = await createOrganization(tx, { name: defaultOrganizationName(input.name, input.email), userId: user.id });
    return { userId: user.id, orgId };
  });
}
