export { endSessionEndpoint as GET, endSessionEndpoint as POST } from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
