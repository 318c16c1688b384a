export { userinfoEndpoint as GET, userinfoEndpoint as POST } from '@/lib/oidc/endpoints';
export const dynamic = 'force-dynamic';
