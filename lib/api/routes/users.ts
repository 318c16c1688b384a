import { z } from 'zod';
import { grantPlatformAdmin, revokePlatformAdmin } from '@/lib/platform/platform-admins';
import { disableUser, enableUser } from '@/lib/platform/user-access';
import { deleteUser, sendUserPasswordReset, verifyUserEmail } from '@/lib/platform/user-account';
import { listUserGrants, listUserSessions, revokeAllUserSessions, revokeUserGrant, revokeUserSession } from '@/lib/platform/user-sessions';
import { getUser, listUsers, resetUserSecondFactors } from '@/lib/platform/users';
import { defineRoute } from '../route';
import { clientParams, id, page, pageQuery, timestamp, userParams, userSchema } from '../schemas';

const userAccessSchema = z
  .object({
    userId: z.string(),
    disabled: z.boolean(),
    disabledAt: timestamp.nullable(),
    disabledReason: z.string().nullable(),
  })
  .meta({ id: 'UserAccess' });

const userSessionSchema = z
  .object({
    id: z.string().meta({ description: 'A handle for the session (not its cookie).' }),
    createdAt: timestamp,
    lastSeenAt: timestamp,
    expiresAt: timestamp,
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    amr: z.array(z.string()).meta({ description: 'How the person signed in (RFC 8176 values: pwd, otp, mfa, hwk, user).' }),
  })
  .meta({ id: 'UserSession' });

const userGrantSchema = z
  .object({
    clientId: z.string(),
    name: z.string().meta({ description: 'The client\u2019s name.' }),
    application: z.string(),
    firstParty: z.boolean(),
    scopes: z.array(z.string()),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'UserGrant' });

const platformAdminSchema = z.object({ userId: z.string(), platformAdmin: z.boolean() }).meta({ id: 'PlatformAdminState' });

const userPlatform = 'Platform actors only.';

export const userRoutes = [
  defineRoute({
    method: 'GET',
    path: '/users',
    operationId: 'listUsers',
    tag: 'Users',
    summary: 'List or search users',
    description: 'Platform actors only. Ordered by email.',
    query: pageQuery.extend({ search: z.string().max(200).optional().meta({ description: 'Part of an email or name.' }) }),
    response: page(userSchema),
    errors: [400, 403],
    handler: ({ actor, query }) => listUsers(actor, query),
  }),
  defineRoute({
    method: 'GET',
    path: '/users/{userId}',
    operationId: 'getUser',
    tag: 'Users',
    summary: 'Get a user, their organizations and sign-in factors',
    description: 'Platform actors only.',
    params: userParams,
    response: userSchema
      .extend({
        disabledAt: timestamp.nullable(),
        disabledReason: z.string().nullable(),
        secondFactors: z.object({
          totp: z.boolean().meta({ description: 'Whether an authenticator app is set up.' }),
          recoveryCodesLeft: z.number().int(),
          passkeys: z.array(z.object({ id: z.string(), name: z.string(), createdAt: timestamp, lastUsedAt: timestamp.nullable() })),
        }),
        organizations: z.array(z.object({ orgId: z.string(), name: z.string(), role: z.string() })),
      })
      .meta({ id: 'UserDetail' }),
    errors: [403, 404],
    handler: ({ actor, params }) => getUser(actor, params.userId),
  }),
  defineRoute({
    method: 'POST',
    path: '/users/{userId}/reset-second-factors',
    operationId: 'resetSecondFactors',
    tag: 'Users',
    summary: 'Reset a user\u2019s two-factor authentication',
    description:
      'Platform actors only. Removes the user\u2019s authenticator app and recovery codes (passkeys stay), for someone who lost their device. Audited with the acting administrator; the user is mailed.',
    params: userParams,
    response: z.object({ userId: z.string(), hadTotp: z.boolean().meta({ description: 'Whether an authenticator app was set up.' }) }),
    errors: [403, 404],
    recentAuth: true,
    handler: ({ actor, params, meta }) => resetUserSecondFactors(actor, params.userId, meta),
  }),
  defineRoute({
    method: 'POST',
    path: '/users/{userId}/disable',
    operationId: 'disableUser',
    tag: 'Users',
    summary: 'Disable a user',
    description: `${userPlatform} The account cannot sign in; every session ends and every application\u2019s grant is revoked at once. You cannot disable yourself (409).`,
    params: userParams,
    body: z.strictObject({ reason: z.string().trim().max(500).optional().meta({ description: 'Why, for other administrators (never shown to the user).' }) }),
    response: userAccessSchema,
    errors: [403, 404, 409, 422],
    recentAuth: true,
    handler: ({ actor, params, body, meta }) => disableUser(actor, params.userId, body.reason || null, meta),
  }),
  defineRoute({
    method: 'POST',
    path: '/users/{userId}/enable',
    operationId: 'enableUser',
    tag: 'Users',
    summary: 'Enable a disabled user',
    description: `${userPlatform} The user may sign in again; ended sessions and grants stay ended.`,
    params: userParams,
    response: userAccessSchema,
    errors: [403, 404],
    handler: ({ actor, params, meta }) => enableUser(actor, params.userId, meta),
  }),
  defineRoute({
    method: 'GET',
    path: '/users/{userId}/sessions',
    operationId: 'listUserSessions',
    tag: 'Users',
    summary: 'List a user\u2019s portal sessions',
    description: `${userPlatform} Live sessions, the most recently used first.`,
    params: userParams,
    response: z.object({ items: z.array(userSessionSchema) }),
    errors: [403, 404],
    handler: async ({ actor, params }) => ({ items: await listUserSessions(actor, params.userId) }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/users/{userId}/sessions',
    operationId: 'revokeUserSessions',
    tag: 'Users',
    summary: 'Sign a user out of every portal session',
    description: `${userPlatform} Their applications\u2019 grants are not touched; revoke those one by one, or disable the user.`,
    params: userParams,
    response: z.object({ ended: z.number().int().meta({ description: 'How many sessions ended.' }) }),
    errors: [403, 404],
    recentAuth: true,
    handler: ({ actor, params, meta }) => revokeAllUserSessions(actor, params.userId, meta),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/users/{userId}/sessions/{sessionId}',
    operationId: 'revokeUserSession',
    tag: 'Users',
    summary: 'End one of a user\u2019s sessions',
    description: userPlatform,
    params: userParams.extend({ sessionId: id('The session\u2019s id from the list of sessions.') }),
    response: null,
    errors: [403, 404],
    recentAuth: true,
    handler: ({ actor, params, meta }) => revokeUserSession(actor, params.userId, params.sessionId, meta),
  }),
  defineRoute({
    method: 'GET',
    path: '/users/{userId}/grants',
    operationId: 'listUserGrants',
    tag: 'Users',
    summary: 'List the applications connected to a user',
    description: `${userPlatform} Clients the user consented to and clients holding a live grant (first-party ones included).`,
    params: userParams,
    response: z.object({ items: z.array(userGrantSchema) }),
    errors: [403, 404],
    handler: async ({ actor, params }) => ({ items: await listUserGrants(actor, params.userId) }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/users/{userId}/grants/{clientId}',
    operationId: 'revokeUserGrant',
    tag: 'Users',
    summary: 'Disconnect an application from a user',
    description: `${userPlatform} Withdraws the consent and ends the client\u2019s grants for the user: its refresh tokens are refused and its access tokens reported inactive.`,
    params: userParams.merge(clientParams),
    response: null,
    errors: [403, 404],
    recentAuth: true,
    handler: async ({ actor, params, meta }) => {
      await revokeUserGrant(actor, params.userId, params.clientId, meta);
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/users/{userId}/platform-admin',
    operationId: 'grantPlatformAdmin',
    tag: 'Users',
    summary: 'Make a user a platform administrator',
    description: `${userPlatform} Idempotent.`,
    params: userParams,
    response: platformAdminSchema,
    errors: [403, 404],
    recentAuth: true,
    handler: ({ actor, params, meta }) => grantPlatformAdmin(actor, params.userId, meta),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/users/{userId}/platform-admin',
    operationId: 'revokePlatformAdmin',
    tag: 'Users',
    summary: 'Remove a user\u2019s platform administrator role',
    description: `${userPlatform} Never from the last platform administrator (409). Idempotent otherwise.`,
    params: userParams,
    response: platformAdminSchema,
    errors: [403, 404, 409],
    recentAuth: true,
    handler: ({ actor, params, meta }) => revokePlatformAdmin(actor, params.userId, meta),
  }),
  defineRoute({
    method: 'POST',
    path: '/users/{userId}/verify-email',
    operationId: 'verifyUserEmail',
    tag: 'Users',
    summary: 'Mark a user\u2019s email address verified',
    description: `${userPlatform} For a person who proved the address another way.`,
    params: userParams,
    response: z.object({ userId: z.string(), emailVerified: z.boolean() }),
    errors: [403, 404],
    handler: ({ actor, params, meta }) => verifyUserEmail(actor, params.userId, meta),
  }),
  defineRoute({
    method: 'POST',
    path: '/users/{userId}/password-reset',
    operationId: 'sendUserPasswordReset',
    tag: 'Users',
    summary: 'Mail a user a password-reset link',
    description: `${userPlatform} The same mail as \u201cForgot password\u201d, under the same limits; the password changes only if the user follows the link.`,
    params: userParams,
    response: z.object({ userId: z.string(), sent: z.boolean() }),
    errors: [403, 404, 429],
    handler: ({ actor, params, meta }) => sendUserPasswordReset(actor, params.userId, meta),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/users/{userId}',
    operationId: 'deleteUser',
    tag: 'Users',
    summary: 'Delete a user',
    description: `${userPlatform} Refused (409) for yourself, for a platform administrator, and while the user is the last owner of an organization with other members; organizations they are alone in go with them.`,
    params: userParams,
    response: null,
    errors: [403, 404, 409],
    recentAuth: true,
    handler: ({ actor, params, meta }) => deleteUser(actor, params.userId, meta),
  }),
];
