// Every method reaches the handler, which answers 405 itself, as when server.ts serves this path.
export {
  readyEndpoint as GET,
  readyEndpoint as HEAD,
  readyEndpoint as POST,
  readyEndpoint as PUT,
  readyEndpoint as DELETE,
  readyEndpoint as PATCH,
  readyEndpoint as OPTIONS,
} from '@/lib/http/readiness';
export const dynamic = 'force-dynamic';
