import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute } from './match';
import { defineRoute, type Method } from './route';

const route = (method: Method, path: string) =>
  defineRoute({ method, path, operationId: `${method} ${path}`, tag: 'Members', summary: '', response: null, handler: async () => null });

const table = compileRoutes([
  route('GET', '/organizations/{orgId}/members'),
  route('POST', '/organizations/{orgId}/members'),
  route('DELETE', '/organizations/{orgId}/members/{userId}'),
  route('DELETE', '/organizations/{orgId}/permissions/{key}'),
]);

describe('matchRoute', () => {
  it('finds the route for the method and path and names the path parameters', () => {
    const match = matchRoute(table, 'DELETE', '/api/admin/organizations/o1/members/u1');
    expect(match).toMatchObject({ route: { path: '/organizations/{orgId}/members/{userId}' }, params: { orgId: 'o1', userId: 'u1' } });
  });

  it('decodes path parameters, dots included', () => {
    const match = matchRoute(table, 'DELETE', '/api/admin/organizations/o%201/permissions/billing.invoice.read');
    expect(match).toMatchObject({ params: { orgId: 'o 1', key: 'billing.invoice.read' } });
  });

  it('reports the allowed methods when only the method is wrong (405)', () => {
    expect(matchRoute(table, 'PUT', '/api/admin/organizations/o1/members')).toEqual({ allowed: ['GET', 'POST'] });
  });

  it('matches nothing for unknown paths, other prefixes, extra segments and undecodable paths', () => {
    expect(matchRoute(table, 'GET', '/api/admin/organizations/o1/nothing')).toBeNull();
    expect(matchRoute(table, 'GET', '/api/other/organizations/o1/members')).toBeNull();
    expect(matchRoute(table, 'GET', '/api/admin/organizations/o1/members/u1/extra')).toBeNull();
    expect(matchRoute(table, 'DELETE', '/api/admin/organizations/o1/members/%E0%A4%A')).toBeNull();
  });
});
