import type { ApiRoute, Method } from './route';

export const API_PREFIX = '/api/admin';

type Compiled = { route: ApiRoute; segments: string[] };

export type Match = { route: ApiRoute; params: Record<string, string> } | { allowed: Method[] } | null;

export function compileRoutes(routes: readonly ApiRoute[]): Compiled[] {
  return routes.map((route) => ({ route, segments: route.path.split('/').filter(Boolean) }));
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p.startsWith('{') && p.endsWith('}')) params[p.slice(1, -1)] = actual[i]!;
    else if (p !== actual[i]) return null;
  }
  return params;
}

/** The route for a method and path below API_PREFIX; `{ allowed }` when only the method is wrong (405). */
export function matchRoute(table: readonly Compiled[], method: string, pathname: string): Match {
  if (!pathname.startsWith(`${API_PREFIX}/`)) return null;
  let actual: string[];
  try {
    actual = pathname.slice(API_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
  const allowed: Method[] = [];
  for (const { route, segments } of table) {
    const params = matchSegments(segments, actual);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : null;
}
