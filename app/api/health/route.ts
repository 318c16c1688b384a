export { healthEndpoint as GET } from '@/lib/http/health';
export const dynamic = 'force-dynamic';
