import type { z } from 'zod';
import type { ClientMeta } from '@/lib/auth/sessions';
import type { Actor } from '@/lib/domain/actor';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type Tag = 'Organizations' | 'Members' | 'Invitations' | 'Roles' | 'Permissions' | 'Applications' | 'Clients' | 'Users' | 'Billing' | 'Audit' | 'Platform' | 'Federation';

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

/** `meta`: the caller's address and user agent, for audit entries. */
export type RouteContext<P, Q, B> = { actor: Actor; params: Parsed<P>; query: Parsed<Q>; body: Parsed<B>; meta: ClientMeta };

/**
 * One endpoint of the admin API. The same entry dispatches requests (lib/api/dispatch.ts) and
 * describes the endpoint in the OpenAPI document (lib/api/openapi.ts), so the two cannot drift.
 * GET needs `admin:read` from a bearer token, every other method `admin:write`.
 */
export type RouteDefinition<P extends z.ZodObject | undefined, Q extends z.ZodObject | undefined, B extends z.ZodType | undefined> = {
  method: Method;
  /** Below /api/admin, with `{name}` path parameters. */
  path: string;
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** null: 204 without a body. */
  response: z.ZodType | null;
  /**
   * Other media types the success answer may come in (the document lists them beside JSON); the
   * handler then returns a ready Response, which is sent as it is.
   */
  alsoProduces?: readonly 'text/csv'[];
  status?: 200 | 201;
  /** Status codes beside 401 this endpoint answers with, for the document. */
  errors?: readonly (400 | 403 | 404 | 409 | 422 | 429)[];
  /**
   * A sensitive operation: over a session it needs a sign-in or re-authentication within the last
   * 5 minutes (403 reauth_required), always or when the parsed body asks for it. Bearer clients
   * are machines without a password to re-enter and are not affected.
   */
  recentAuth?: true | ((body: Parsed<B>) => boolean);
  handler: (ctx: RouteContext<P, Q, B>) => Promise<unknown>;
};

export type ApiRoute = RouteDefinition<z.ZodObject | undefined, z.ZodObject | undefined, z.ZodType | undefined>;

export function defineRoute<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(definition: RouteDefinition<P, Q, B>): ApiRoute {
  return definition as unknown as ApiRoute;
}
