export { jwksEndpoint as GET } from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
