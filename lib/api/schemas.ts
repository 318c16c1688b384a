import { z } from 'zod';
import 'zod-openapi';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { permissionKeySchema } from '@/lib/rbac/permissions';

// Path ids are opaque text: an id that does not exist (or is not ours) is a 404, never a 500.
export const id = (description: string) =>
  z.string().min(1).max(200).meta({ description, example: '0197a3c1-4f5e-7d2a-9b1c-3e4f5a6b7c8d' });

export const orgParams = z.object({ orgId: id('The organization.') });
export const memberParams = orgParams.extend({ userId: id('The member (a user id).') });
export const roleParams = orgParams.extend({ roleId: id('The role.') });
export const invitationParams = orgParams.extend({ invitationId: id('The invitation.') });
export const permissionParams = orgParams.extend({
  key: z.string().min(1).max(200).meta({ description: 'The permission key.', example: 'billing.invoice.read' }),
});
export const applicationParams = z.object({ applicationId: id('The application.') });
export const clientParams = z.object({ clientId: z.string().min(1).max(200).meta({ description: 'The client id.' }) });
export const userParams = z.object({ userId: id('The user.') });

export const pageQuery = z.object({
  cursor: z.string().max(500).optional().meta({ description: 'nextCursor of the previous page.' }),
  limit: z.coerce.number().int().min(1).max(100).optional().meta({ description: 'Items per page (1–100, default 20).' }),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().meta({ description: 'Pass as cursor for the next page; null on the last page.' }),
  });

export const timestamp = z.string().meta({ format: 'date-time', example: '2025-01-31T12:00:00.000Z' });
export const systemRole = z.enum(SYSTEM_ROLES).meta({ description: 'The member\u2019s one system role.' });
export const permissionKey = permissionKeySchema.meta({ example: 'billing.invoice.read' });

export const errorSchema = z
  .object({
    error: z.string().meta({ example: 'forbidden' }),
    message: z.string().meta({ example: 'This needs the auth.role.write permission.' }),
    details: z.record(z.string(), z.array(z.string())).optional().meta({ description: 'Per-field messages (400, 422).' }),
  })
  .meta({ id: 'Error' });

export const organizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    requireMfa: z.boolean(),
    createdAt: timestamp,
    role: z.string().nullable().meta({ description: 'The caller\u2019s system role here, if a member.' }),
  })
  .meta({ id: 'Organization' });

export const memberSchema = z
  .object({
    userId: z.string(),
    email: z.string().meta({ example: 'ada@example.com' }),
    name: z.string().nullable(),
    role: systemRole,
    appRoles: z.array(z.object({ id: z.string(), name: z.string(), applicationId: z.string().nullable() })),
    joinedAt: timestamp,
  })
  .meta({ id: 'Member' });

export const roleSchema = z
  .object({
    id: z.string(),
    name: z.string().meta({ example: 'billing-editor' }),
    description: z.string(),
    applicationId: z.string().nullable().meta({ description: 'null for the organization-level system roles.' }),
    applicationName: z.string().nullable(),
    isSystem: z.boolean(),
    permissions: z.array(z.string()),
    memberCount: z.number().int(),
  })
  .meta({ id: 'Role' });

export const permissionSchema = z
  .object({
    key: z.string().meta({ example: 'billing.invoice.read' }),
    service: z.string(),
    resource: z.string(),
    action: z.string(),
    description: z.string(),
    applicationId: z.string().nullable(),
    orgId: z
      .string()
      .nullable()
      .meta({ description: 'null: the application\u2019s shared catalogue, seen by every organization. Set: this organization\u2019s own permission.' }),
    builtIn: z.boolean().meta({ description: 'The auth service\u2019s catalogue: cannot be deleted.' }),
  })
  .meta({ id: 'Permission' });

export const applicationSchema = z
  .object({
    id: z.string(),
    key: z.string().meta({ example: 'billing' }),
    name: z.string(),
    resources: z
      .array(z.string())
      .meta({ description: 'Resource servers (RFC 8707) its clients may ask tokens for.', example: ['https://billing.example.com/api'] }),
    description: z.string().nullable(),
    homepageUrl: z.string().nullable(),
    logoUrl: z.string().nullable().meta({ description: 'Shown on the consent page.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'Application' });

export const applicationDetailSchema = applicationSchema
  .extend({
    clientCount: z.number().int().optional().meta({ description: 'Platform actors only.' }),
    permissionCount: z.number().int().optional().meta({ description: 'Platform actors only: its shared and organizations\u2019 own permissions.' }),
  })
  .meta({ id: 'ApplicationDetail' });

export const clientSchema = z
  .object({
    clientId: z.string(),
    applicationId: z.string(),
    name: z.string(),
    type: z.enum(['confidential', 'public']),
    redirectUris: z.array(z.string()),
    grantTypes: z.array(z.string()),
    scopes: z.array(z.string()),
    adminOrgId: z.string().nullable().meta({ description: 'The one organization an admin client may administer; null: all.' }),
    disabledAt: timestamp.nullable().meta({ description: 'Set while disabled: every endpoint refuses the client as an unknown one.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'Client' });

export const clientDetailSchema = clientSchema
  .extend({
    postLogoutRedirectUris: z.array(z.string()),
    firstParty: z.boolean(),
    idTokenAlg: z.string(),
    tokenEndpointAuthMethod: z.string(),
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).nullable(),
    accessTokenTtl: z.number().int(),
    refreshTokenIdleTtl: z.number().int(),
    refreshTokenAbsoluteTtl: z.number().int(),
    hasSecret: z.boolean().meta({ description: 'The secret itself is never shown again.' }),
    previousSecretExpiresAt: timestamp.nullable().meta({ description: 'Until when the secret replaced by the last rotation works.' }),
    liveGrants: z.number().int().meta({ description: 'Users\u2019 authorizations of the client not revoked.' }),
    liveRefreshTokens: z.number().int().meta({ description: 'Refresh tokens of those grants that can still be used.' }),
  })
  .meta({ id: 'ClientDetail' });

export const clientSecretSchema = z
  .object({
    clientId: z.string(),
    clientSecret: z.string().nullable().meta({ description: 'Shown once; only its hash is stored.' }),
  })
  .meta({ id: 'ClientSecret' });

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    emailVerified: z.boolean(),
    platformAdmin: z.boolean(),
    disabled: z.boolean().meta({ description: 'A platform administrator disabled the account: it cannot sign in.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'User' });

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string().meta({ example: 'grace@example.com' }),
    role: systemRole,
    appRoles: z.array(z.object({ id: z.string(), name: z.string(), applicationId: z.string().nullable() })),
    status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
    invitedBy: z.object({ name: z.string().nullable(), email: z.string() }).nullable(),
    createdAt: timestamp,
    lastSentAt: timestamp,
    expiresAt: timestamp,
    acceptedAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
  })
  .meta({ id: 'Invitation' });
