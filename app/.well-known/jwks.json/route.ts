// Every method reaches the handler, which answers 405 itself, as when server.ts serves this path.
export {
  jwksEndpoint as GET,
  jwksEndpoint as POST,
  jwksEndpoint as PUT,
  jwksEndpoint as DELETE,
  jwksEndpoint as PATCH,
  jwksEndpoint as OPTIONS,
} from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
