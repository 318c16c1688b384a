import { parseArgs } from 'node:util';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db';
import { applications, permissions, roles } from '@/db/schema';
import { emailSchema } from '@/lib/auth/email-address';
import { absoluteUrl } from '@/lib/auth/links';
import { OPERATOR } from '@/lib/domain/actor';
import { findApplication } from '@/lib/oidc/applications';
import { accessInOrganization, type OrgAccess } from '@/lib/orgs/access';
import { createInvitation, invitationPath } from '@/lib/orgs/invitations';
import { addMember } from '@/lib/orgs/members';
import { createOrganizationWithOwner } from '@/lib/orgs/organizations';
import { createPermission } from '@/lib/orgs/permission-catalogue';
import { createRole } from '@/lib/orgs/roles';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { permissionKeySchema } from '@/lib/rbac/permissions';
import { listOption, parse, UsageError, type Output } from '../cli-support';

const operatorAccess = (orgId: string): Promise<OrgAccess> => accessInOrganization(OPERATOR, orgId);

/**
 * An application role by name (`editor`), by `APP/NAME` when several applications have one of
 * that name (APP is the application's key or id), or by id.
 */
async function appRoleId(orgId: string, ref: string): Promise<string> {
  const slash = ref.indexOf('/');
  const app = slash > 0 ? await findApplication(ref.slice(0, slash)) : null;
  if (slash > 0 && !app) throw new UsageError(`--app-role ${ref}: no application ${ref.slice(0, slash)}`);
  const name = slash > 0 ? ref.slice(slash + 1) : ref;
  const found = await db()
    .select({ id: roles.id, app: applications.key })
    .from(roles)
    .leftJoin(applications, eq(applications.id, roles.applicationId))
    .where(
      and(
        eq(roles.orgId, orgId),
        eq(roles.isSystem, false),
        app ? eq(roles.applicationId, app.id) : undefined,
        app ? eq(roles.name, name) : or(eq(roles.name, name), eq(roles.id, name)),
      ),
    );
  if (found.length === 0) throw new UsageError(`--app-role ${ref}: no such role in this organization`);
  if (found.length > 1) {
    throw new UsageError(`--app-role ${ref}: several applications have this role; say which: ${found.map((f) => `${f.app}/${name}`).join(', ')}`);
  }
  return found[0]!.id;
}

/**
 * The operator (a platform actor) declares an application's permissions by using them: missing ones
 * join its shared catalogue, replacing an organization's own entry with the same key.
 */
async function declareMissing(access: OrgAccess, applicationId: string, keys: string[]): Promise<void> {
  if (!keys.length) return;
  const shared = await db()
    .select({ key: permissions.key })
    .from(permissions)
    .where(and(inArray(permissions.key, keys), isNull(permissions.orgId)));
  const known = new Set(shared.map((p) => p.key));
  for (const key of keys) if (!known.has(key)) await createPermission(access, { key, applicationId });
}

const orgOption = z.string().min(1, 'is required').max(100);
const roleOption = z.enum(SYSTEM_ROLES, { error: `must be one of ${SYSTEM_ROLES.join(', ')}` });

export async function orgCreate(args: string[]): Promise<Output> {
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, 'owner-email': { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const input = parse(z.object({ name: z.string().trim().min(1, 'is required').max(100), 'owner-email': emailSchema }), values);
  const org = await createOrganizationWithOwner(OPERATOR, { name: input.name, ownerEmail: input['owner-email'] });
  return { json: { org_id: org.id, name: org.name, owner_email: input['owner-email'] }, text: `Created organization ${org.name} (${org.id})` };
}

export async function roleCreate(args: string[]): Promise<Output> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      app: { type: 'string' },
      name: { type: 'string' },
      description: { type: 'string' },
      permission: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const input = parse(
    z.object({
      org: orgOption,
      app: z.string().min(1, 'is required'),
      name: z.string().trim().min(1, 'is required').max(64),
      description: z.string().max(500).optional(),
      permission: z.array(permissionKeySchema).default([]),
    }),
    { ...values, permission: listOption(values.permission) },
  );
  const app = await findApplication(input.app);
  if (!app) throw new UsageError(`--app: no application with key or id ${input.app}`);
  const access = await operatorAccess(input.org);
  await declareMissing(access, app.id, input.permission);
  const role = await createRole(access, { name: input.name, description: input.description, applicationId: app.id, permissions: input.permission });
  return {
    json: { role_id: role.id, name: role.name, org_id: input.org, app_id: app.id, permissions: role.permissions },
    text: `Created role ${role.name} (${role.id}) of ${app.key} with ${role.permissions.length} permission(s)`,
  };
}

const memberOptions = {
  org: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  'app-role': { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

const memberSchema = z.object({ org: orgOption, email: emailSchema, role: roleOption, 'app-role': z.array(z.string().min(1)).default([]) });

function parseMemberArgs(args: string[]) {
  const { values } = parseArgs({ args, options: memberOptions, strict: true });
  return parse(memberSchema, { ...values, 'app-role': listOption(values['app-role']) });
}

export async function memberAdd(args: string[]): Promise<Output> {
  const input = parseMemberArgs(args);
  const access = await operatorAccess(input.org);
  const appRoleIds = await Promise.all(input['app-role'].map((r) => appRoleId(input.org, r)));
  const member = await addMember(access, { email: input.email, role: input.role, appRoleIds });
  return {
    json: { user_id: member.userId, org_id: input.org, email: member.email, role: member.role, app_roles: member.appRoles.map((r) => r.name) },
    text: `Added ${member.email} to ${input.org} as ${member.role}`,
  };
}

export async function invite(args: string[]): Promise<Output> {
  const input = parseMemberArgs(args);
  const access = await operatorAccess(input.org);
  const appRoleIds = await Promise.all(input['app-role'].map((r) => appRoleId(input.org, r)));
  const { invitation, token } = await createInvitation(access, { email: input.email, role: input.role, appRoleIds });
  const url = absoluteUrl(invitationPath(token));
  return {
    json: {
      invitation_id: invitation.id,
      org_id: input.org,
      email: invitation.email,
      role: invitation.role,
      app_roles: invitation.appRoles.map((r) => r.name),
      expires_at: invitation.expiresAt.toISOString(),
      url,
    },
    text: `Invited ${invitation.email} to ${input.org} as ${invitation.role}; the link was mailed and expires ${invitation.expiresAt.toISOString()}:\n${url}`,
  };
}
