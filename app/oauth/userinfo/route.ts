// Every method reaches the handler, which answers 405 itself, as when server.ts serves this path.
export {
  userinfoEndpoint as GET,
  userinfoEndpoint as POST,
  userinfoEndpoint as PUT,
  userinfoEndpoint as DELETE,
  userinfoEndpoint as PATCH,
  userinfoEndpoint as OPTIONS,
} from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
