import type { OAuthClient } from './clients';
import { InvalidTarget } from './errors';
import type { Params } from './request';

/**
 * RFC 8707: `resource` names the API the token is for and becomes its audience; it must be an
 * absolute URI without a fragment. Without it the audience is the client itself.
 */
export function resourceAudience(params: Params, client: OAuthClient): string {
  const resource = params.get('resource');
  if (resource === undefined) return client.id;
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    throw new InvalidTarget('resource must be an absolute URI without a fragment.');
  }
  if (url.hash) throw new InvalidTarget('resource must be an absolute URI without a fragment.');
  return resource;
}
