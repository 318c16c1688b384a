// Every method reaches the handler, which answers 405 itself, as when server.ts serves this path.
export {
  discoveryEndpoint as GET,
  discoveryEndpoint as POST,
  discoveryEndpoint as PUT,
  discoveryEndpoint as DELETE,
  discoveryEndpoint as PATCH,
  discoveryEndpoint as OPTIONS,
} from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
