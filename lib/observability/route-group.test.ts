import { describe, expect, it } from 'vitest';
import { routeGroup } from './route-group';

describe('routeGroup', () => {
  it('names the protocol endpoints by what they do', () => {
    expect(routeGroup('/oauth/token')).toBe('token');
    expect(routeGroup('/oauth/authorize')).toBe('authorize');
    expect(routeGroup('/oauth/userinfo')).toBe('userinfo');
    expect(routeGroup('/oauth/introspect')).toBe('introspection');
    expect(routeGroup('/.well-known/jwks.json')).toBe('jwks');
  });

  it('puts every admin API path, ids and all, in one group', () => {
    expect(routeGroup('/api/admin/organizations/0193a0b2-1c2d/members')).toBe('admin_api');
    expect(routeGroup('/api/admin')).toBe('admin_api');
    expect(routeGroup('/api/administrator')).toBe('other');
  });

  it('counts pages and their server actions as pages, and machine paths and assets as other', () => {
    for (const page of ['/', '/login', '/account/security', '/org/abc/members', '/invitation/secret-token']) expect(routeGroup(page)).toBe('pages');
    for (const other of ['/api/health', '/api/consumption', '/oauth/revoke', '/.well-known/openid-configuration', '/_next/static/x.js', '/metrics']) {
      expect(routeGroup(other)).toBe('other');
    }
  });
});
