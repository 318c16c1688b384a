import { ADMIN_SCOPES, CONSUMPTION_SCOPES } from '@/lib/oidc/admin-scopes';
import { SUPPORTED_GRANTS } from '@/lib/oidc/clients';
import { SIGNING_ALGS } from '@/lib/oidc/keys';

/** The choices the client form offers, from the same lists the registration schema allows. */
export const PORTAL_API_SCOPES = [...ADMIN_SCOPES, ...CONSUMPTION_SCOPES] as const;
export const GRANT_TYPES = SUPPORTED_GRANTS;
export const ID_TOKEN_ALGS = SIGNING_ALGS;
export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'] as const;
