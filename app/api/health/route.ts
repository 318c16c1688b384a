// Every method reaches the handler, which answers 405 itself, as when server.ts serves this path.
export {
  healthEndpoint as GET,
  healthEndpoint as HEAD,
  healthEndpoint as POST,
  healthEndpoint as PUT,
  healthEndpoint as DELETE,
  healthEndpoint as PATCH,
  healthEndpoint as OPTIONS,
} from '@/lib/http/health';
export const dynamic = 'force-dynamic';
