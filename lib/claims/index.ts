import { claimsCache } from './cache';
import { computeExpiringAccessClaims, type AccessClaims } from './compute';

export { claimsFromRoleRows, computeAccessClaims, type AccessClaims } from './compute';

/** The claims a token carries: from the cache when this process listens for changes, else computed. */
export function accessClaims(userId: string, orgId: string, applicationId: string): Promise<AccessClaims | null> {
  return claimsCache().lookup(userId, orgId, applicationId, () => computeExpiringAccessClaims(userId, orgId, applicationId));
}
