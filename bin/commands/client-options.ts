import type { ClientField } from '@/lib/platform/client-registration';

/** The options of `client create`, by the registration field each one sets. */
export const CLIENT_OPTIONS: Record<ClientField, string> = {
  name: 'name',
  type: 'type',
  redirectUris: 'redirect-uri',
  postLogoutRedirectUris: 'post-logout-redirect-uri',
  grantTypes: 'grant',
  scopes: 'scope',
  firstParty: 'first-party',
  idTokenAlg: 'id-token-alg',
  tokenEndpointAuthMethod: 'auth-method',
  jwks: 'jwks',
  accessTokenTtl: 'access-token-ttl',
  refreshTokenIdleTtl: 'refresh-idle-ttl',
  refreshTokenAbsoluteTtl: 'refresh-absolute-ttl',
  adminOrgId: 'admin-org',
};
