export { discoveryEndpoint as GET } from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
