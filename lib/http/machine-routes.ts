import {
  discoveryDocumentBytes,
  discoveryEndpoint,
  introspectionEndpoint,
  jwksDocumentBytes,
  jwksEndpoint,
  revocationEndpoint,
  tokenEndpoint,
  userinfoEndpoint,
  type PublishedDocument,
} from '@/lib/oidc/endpoints';
import { healthEndpoint } from './health';

export type MachineRoute = {
  handle: (req: Request) => Promise<Response>;
  /** For GET and HEAD of a published document: its bytes, written without building a Response. */
  document?: () => Promise<PublishedDocument>;
};

/**
 * Endpoints server.ts serves straight from lib/, before Next's request pipeline (which costs more
 * than the work these do). Each is also mounted by a route handler under app/, so both paths answer
 * alike. Handlers check the method themselves.
 */
export const machineRoutes: Record<string, MachineRoute> = {
  '/api/health': { handle: healthEndpoint },
  '/oauth/token': { handle: tokenEndpoint },
  '/oauth/introspect': { handle: introspectionEndpoint },
  '/oauth/revoke': { handle: revocationEndpoint },
  '/oauth/userinfo': { handle: userinfoEndpoint },
  '/.well-known/jwks.json': { handle: jwksEndpoint, document: jwksDocumentBytes },
  '/.well-known/openid-configuration': { handle: discoveryEndpoint, document: discoveryDocumentBytes },
  '/.well-known/oauth-authorization-server': { handle: discoveryEndpoint, document: discoveryDocumentBytes },
};
