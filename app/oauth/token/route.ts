export { tokenEndpoint as GET, tokenEndpoint as POST } from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
