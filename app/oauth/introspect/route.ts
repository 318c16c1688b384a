// Every method reaches the handler, which answers 405 itself, as when server.ts serves this path.
export {
  introspectionEndpoint as GET,
  introspectionEndpoint as POST,
  introspectionEndpoint as PUT,
  introspectionEndpoint as DELETE,
  introspectionEndpoint as PATCH,
  introspectionEndpoint as OPTIONS,
} from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
