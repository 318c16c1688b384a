import {
  discoveryDocumentBytes,
  discoveryEndpoint,
  introspection,
  introspectionEndpoint,
  jwksDocumentBytes,
  jwksEndpoint,
  revocation,
  revocationEndpoint,
  token,
  tokenEndpoint,
  userinfoEndpoint,
  userinfoResult,
  type PublishedDocument,
} from '@/lib/oidc/endpoints';
import type { ProtocolRequest, ProtocolResponse } from '@/lib/oidc/protocol';
import { consumption, consumptionCheck } from '@/lib/consumption/http';
import { webHandler } from '@/lib/oidc/protocol';
import { healthEndpoint } from './health';
import { readyEndpoint } from './readiness';

export type MachineRoute = {
  handle: (req: Request) => Promise<Response>;
  /** The same endpoint on plain values, which server.ts prefers (no Web Request/Response per call). */
  serve?: (req: ProtocolRequest) => Promise<ProtocolResponse>;
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
  '/api/ready': { handle: readyEndpoint },
  '/api/consumption': { handle: webHandler(consumption), serve: consumption },
  '/api/consumption/check': { handle: webHandler(consumptionCheck), serve: consumptionCheck },
  '/oauth/token': { handle: tokenEndpoint, serve: token },
  '/oauth/introspect': { handle: introspectionEndpoint, serve: introspection },
  '/oauth/revoke': { handle: revocationEndpoint, serve: revocation },
  '/oauth/userinfo': { handle: userinfoEndpoint, serve: userinfoResult },
  '/.well-known/jwks.json': { handle: jwksEndpoint, document: jwksDocumentBytes },
  '/.well-known/openid-configuration': { handle: discoveryEndpoint, document: discoveryDocumentBytes },
  '/.well-known/oauth-authorization-server': { handle: discoveryEndpoint, document: discoveryDocumentBytes },
};
