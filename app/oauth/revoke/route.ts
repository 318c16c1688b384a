export { revocationEndpoint as GET, revocationEndpoint as POST } from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
