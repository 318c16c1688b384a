import type { OAuthClient } from './clients';
import { InvalidTarget } from './errors';
import type { Params } from './request';

/** RFC 8707 §2: a resource indicator is an absolute URI without a fragment. */
export function checkedResource(resource: string): string {
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    throw new InvalidTarget('resource must be an absolute URI without a fragment.');
  }
  if (url.hash || resource.includes('#')) throw new InvalidTarget('resource must be an absolute URI without a fragment.');
  return resource;
}

/**
 * RFC 8707: `resource` names the API the token is for and becomes its audience. Without it, the
 * resource the grant was authorized for (a refresh keeps it), else the client itself.
 */
export function resourceAudience(params: Params, client: OAuthClient, grantResource?: string | null): string {
  const resource = params.get('resource');
  if (resource !== undefined) return checkedResource(resource);
  return grantResource ?? client.id;
}
