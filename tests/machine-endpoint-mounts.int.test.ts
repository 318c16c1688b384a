// The machine endpoints answer alike whether server.ts serves them directly or Next mounts them
// (DIRECT_ROUTES=false, the suite's second run): the handlers check the method themselves, and a
// body too large for server.ts to hand to Next is refused in the protocol's shape.
import { describe, expect, inject, it } from 'vitest';

const portalUrl = inject('portalUrl');

const ENDPOINTS = [
  ['/oauth/token', 'POST'],
  ['/oauth/introspect', 'POST'],
  ['/oauth/revoke', 'POST'],
  ['/oauth/userinfo', 'GET, POST'],
  ['/.well-known/jwks.json', 'GET'],
  ['/.well-known/openid-configuration', 'GET'],
  ['/.well-known/oauth-authorization-server', 'GET'],
] as const;

describe('machine endpoints on either mount', () => {
  it.each(ENDPOINTS)('%s answers another method with 405 invalid_request and Allow: %s', async (path, allow) => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await fetch(`${portalUrl}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(await res.json()).toEqual({ error: 'invalid_request', error_description: `Use ${allow}.` });
    }
  });

  it('/api/health answers another method with 405 in the API\u2019s shape and Allow: GET, HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await fetch(`${portalUrl}/api/health`, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(await res.json()).toEqual({ error: 'method_not_allowed', message: 'Use GET.' });
    }
    expect((await fetch(`${portalUrl}/api/health`)).status).toBe(200);
  });

  it('refuses a token request body larger than server.ts passes on with 413 invalid_request, as a smaller one over 64 KiB', async () => {
    for (const size of [100 * 1024, 2 * 1024 * 1024]) {
      const res = await fetch(`${portalUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&padding=${'x'.repeat(size)}`,
      });
      expect(res.status, `${size} bytes`).toBe(413);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ error: 'invalid_request', error_description: 'Request body is too large.' });
    }
  });
});
