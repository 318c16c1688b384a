import { collectPages } from '@/lib/domain/pagination';
import type { Actor } from '@/lib/domain/actor';
import { listOrganizationsFor } from '@/lib/orgs/organizations';
import type { ClientDetail } from '@/lib/platform/clients';
import type { ClientChoices, ClientDefaults } from './_components/client-form';
import { AUTH_METHODS, GRANT_TYPES, ID_TOKEN_ALGS, PORTAL_API_SCOPES } from './client-choices';

export const CLIENT_CHOICES: ClientChoices = { grantTypes: GRANT_TYPES, portalScopes: PORTAL_API_SCOPES, idTokenAlgs: ID_TOKEN_ALGS, authMethods: AUTH_METHODS };

const isPortalScope = (s: string) => (PORTAL_API_SCOPES as readonly string[]).includes(s);

/** A new client's form as the registration schema's defaults would make it. */
export const NEW_CLIENT: ClientDefaults = {
  name: '',
  type: 'confidential',
  redirectUris: '',
  postLogoutRedirectUris: '',
  grantTypes: ['authorization_code', 'refresh_token'],
  scopes: 'openid profile email offline_access',
  portalScopes: [],
  firstParty: false,
  idTokenAlg: '',
  authMethod: '',
  jwks: '',
  accessTtl: '',
  refreshIdleTtl: '',
  refreshAbsoluteTtl: '',
  adminOrgId: '',
};

/** A stored client's options in the form. */
export function clientDefaults(c: ClientDetail): ClientDefaults {
  return {
    name: c.name,
    type: c.type,
    redirectUris: c.redirectUris.join('\n'),
    postLogoutRedirectUris: c.postLogoutRedirectUris.join('\n'),
    grantTypes: c.grantTypes,
    scopes: c.scopes.filter((s) => !isPortalScope(s)).join(' '),
    portalScopes: c.scopes.filter(isPortalScope),
    firstParty: c.firstParty,
    idTokenAlg: c.idTokenAlg,
    authMethod: c.tokenEndpointAuthMethod,
    jwks: c.jwks ? JSON.stringify(c.jwks, null, 2) : '',
    accessTtl: String(c.accessTokenTtl),
    refreshIdleTtl: String(c.refreshTokenIdleTtl),
    refreshAbsoluteTtl: String(c.refreshTokenAbsoluteTtl),
    adminOrgId: c.adminOrgId ?? '',
  };
}

/** The organizations an admin client may be bound to (the first thousand, by id). */
export async function organizationChoices(actor: Actor): Promise<{ id: string; name: string }[]> {
  const orgs = await collectPages((q) => listOrganizationsFor(actor, q), 1000);
  return orgs.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.name.localeCompare(b.name));
}
