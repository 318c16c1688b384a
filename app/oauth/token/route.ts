// Every method reaches the handler, which answers 405 itself, as when server.ts serves this path.
export {
  tokenEndpoint as GET,
  tokenEndpoint as POST,
  tokenEndpoint as PUT,
  tokenEndpoint as DELETE,
  tokenEndpoint as PATCH,
  tokenEndpoint as OPTIONS,
} from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
