export { authorizationEndpoint as GET, authorizationEndpoint as POST } from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
