import { z } from 'zod';
import { getUser, listUsers, resetUserSecondFactors } from '@/lib/platform/users';
import { defineRoute } from '../route';
import { page, pageQuery, userParams, userSchema } from '../schemas';

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
    summary: 'Get a user and their organizations',
    description: 'Platform actors only.',
    params: userParams,
    response: userSchema
      .extend({ organizations: z.array(z.object({ orgId: z.string(), name: z.string(), role: z.string() })) })
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
];
