/** What metrics and request logs call a route: a fixed set, never a path with ids in it. */
export type RouteGroup = 'token' | 'authorize' | 'userinfo' | 'introspection' | 'jwks' | 'admin_api' | 'pages' | 'other';

const EXACT: Record<string, RouteGroup> = {
  '/oauth/token': 'token',
  '/oauth/authorize': 'authorize',
  '/oauth/userinfo': 'userinfo',
  '/oauth/introspect': 'introspection',
  '/.well-known/jwks.json': 'jwks',
};

/** Machine paths and Next's own assets; every other path is a page (or a page's server action). */
const NOT_PAGES = ['/api/', '/oauth/', '/.well-known/', '/_next/'];

export function routeGroup(path: string): RouteGroup {
  const exact = EXACT[path];
  if (exact) return exact;
  if (path === '/api/admin' || path.startsWith('/api/admin/')) return 'admin_api';
  if (path === '/metrics' || path === '/favicon.ico' || NOT_PAGES.some((prefix) => path.startsWith(prefix))) return 'other';
  return 'pages';
}
