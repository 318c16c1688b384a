import {
  discoveryEndpoint,
  introspectionEndpoint,
  jwksEndpoint,
  revocationEndpoint,
  tokenEndpoint,
  userinfoEndpoint,
} from '@/lib/oidc/endpoints';
import { healthEndpoint } from './health';

export type MachineHandler = (req: Request) => Promise<Response>;

/**
 * Endpoints server.ts serves straight from lib/, before Next's request pipeline (which costs more
 * than the work these do). Each is also mounted by a route handler under app/, so both paths answer
 * alike. Handlers check the method themselves.
 */
export const machineRoutes: Record<string, MachineHandler> = {
  '/api/health': healthEndpoint,
  '/oauth/token': tokenEndpoint,
  '/oauth/introspect': introspectionEndpoint,
  '/oauth/revoke': revocationEndpoint,
  '/oauth/userinfo': userinfoEndpoint,
  '/.well-known/jwks.json': jwksEndpoint,
  '/.well-known/openid-configuration': discoveryEndpoint,
  '/.well-known/oauth-authorization-server': discoveryEndpoint,
};
