import { z } from 'zod';
import { getUser, listUsers } from '@/lib/platform/users';
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
];
