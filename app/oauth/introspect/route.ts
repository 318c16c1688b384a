export { introspectionEndpoint as GET, introspectionEndpoint as POST } from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
