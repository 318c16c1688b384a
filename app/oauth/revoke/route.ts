// Every method reaches the handler, which answers 405 itself, as when server.ts serves this path.
export {
  revocationEndpoint as GET,
  revocationEndpoint as POST,
  revocationEndpoint as PUT,
  revocationEndpoint as DELETE,
  revocationEndpoint as PATCH,
  revocationEndpoint as OPTIONS,
} from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
