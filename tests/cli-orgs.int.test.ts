import { afterAll, describe, expect, inject, it } from 'vitest';
import { newEmail, PASSWORD } from './harness/accounts';
import { cli, cliFailure as harnessCliFailure } from './harness/cli';
import { connectToPortalDb } from './harness/db';

const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

/** A verified user with an organization of their own, made by the CLI. */
async function user(label: string) {
  const email = newEmail(label);
  const made = await cli<{ user_id: string; org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD);
  return { email, userId: made.user_id, orgId: made.org_id };
}

const cliFailure = (...args: string[]) => harnessCliFailure(portalDb, ...args);

describe('CLI organization commands', () => {
  it('org create makes an organization owned by an existing user', async () => {
    const owner = await user('org-owner');
    const org = await cli<{ org_id: string; name: string; owner_email: string }>(portalDb, 'org', 'create', '--name', 'Acme Ltd', '--owner-email', owner.email);
    expect(org).toMatchObject({ name: 'Acme Ltd', owner_email: owner.email });
    const rows = await sql`select r.name from memberships m join roles r on r.id = m.role_id where m.org_id = ${org.org_id}`;
    expect(rows.map((r) => r.name)).toEqual(['owner']);
    const missing = await cliFailure('org', 'create', '--name', 'Nobody', '--owner-email', newEmail('nobody'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no user with the owner');
  });

  it('role create makes an application role, declaring its permissions, and refuses a duplicate name', async () => {
    const owner = await user('role-owner');
    const app = await cli<{ app_id: string; key: string }>(portalDb, 'app', 'create', '--name', `Docs ${owner.userId.slice(-8)}`);
    const service = app.key.replace(/-/g, '_');
    const role = await cli<{ role_id: string; name: string; app_id: string; permissions: string[] }>(
      portalDb, 'role', 'create', '--org', owner.orgId, '--app', app.key, '--name', 'editor',
      '--permission', `${service}.doc.write`, '--permission', `${service}.doc.read`,
    );
    expect(role).toMatchObject({ name: 'editor', app_id: app.app_id, permissions: [`${service}.doc.read`, `${service}.doc.write`] });
    const [row] = await sql`select org_id, application_id from roles where id = ${role.role_id}`;
    expect(row).toEqual({ org_id: owner.orgId, application_id: app.app_id });
    const again = await cliFailure('role', 'create', '--org', owner.orgId, '--app', app.app_id, '--name', 'editor');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    const bad = await cliFailure('role', 'create', '--org', owner.orgId, '--app', app.key, '--name', 'x', '--permission', 'Not A Permission');
    expect(bad.code).toBe(2);
  });

  it('member add puts an existing user in with a system role and application roles', async () => {
    const owner = await user('member-owner');
    const joiner = await user('joiner');
    const app = await cli<{ app_id: string; key: string }>(portalDb, 'app', 'create', '--name', `Crm ${owner.userId.slice(-8)}`);
    await cli(portalDb, 'role', 'create', '--org', owner.orgId, '--app', app.key, '--name', 'sales');
    const added = await cli<{ user_id: string; role: string; app_roles: string[] }>(
      portalDb, 'member', 'add', '--org', owner.orgId, '--email', joiner.email, '--role', 'admin', '--app-role', 'sales',
    );
    expect(added).toMatchObject({ user_id: joiner.userId, role: 'admin', app_roles: ['sales'] });
    const twice = await cliFailure('member', 'add', '--org', owner.orgId, '--email', joiner.email, '--role', 'user');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('already a member');
    const badRole = await cliFailure('member', 'add', '--org', owner.orgId, '--email', joiner.email, '--role', 'boss');
    expect(badRole.code).toBe(2);
  });

  it('invite records a pending invitation, mails its link and prints it', async () => {
    const owner = await user('invite-owner');
    const email = newEmail('cli-invitee');
    const made = await cli<{ invitation_id: string; email: string; role: string; expires_at: string; url: string }>(
      portalDb, 'invite', '--org', owner.orgId, '--email', email, '--role', 'user',
    );
    expect(made).toMatchObject({ email, role: 'user' });
    expect(new URL(made.url).pathname).toMatch(/^\/invitation\/[A-Za-z0-9_-]{43}$/);
    const [row] = await sql`select email, accepted_at, revoked_at, token_hash from invitations where id = ${made.invitation_id}`;
    expect(row).toMatchObject({ email, accepted_at: null, revoked_at: null });
    expect(made.url).not.toContain(row!.token_hash);
    // The CLI here has no SMTP_URL: the mail is in the dev outbox.
    const [mail] = await sql`select text from mail_outbox where "to" = ${email}`;
    expect(mail!.text).toContain(new URL(made.url).pathname);
    const unknown = await cliFailure('invite', '--org', owner.orgId, '--email', newEmail('x'), '--role', 'user', '--app-role', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no such role');
  });
});
