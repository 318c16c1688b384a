import { describe, expect, it } from 'vitest';
import { InvalidClient, InvalidGrant, InvalidToken, OAuthError, toErrorResponse, UnsupportedGrantType } from './errors';
import { jsonResult, toWebResponse } from './protocol';

describe('OAuth error responses', () => {
  it('answer with the RFC 6749 §5.2 JSON body, the status and no-store', async () => {
    const res = toErrorResponse(new InvalidGrant('The code has expired.'), 'token');
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('pragma')).toBe('no-cache');
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'The code has expired.' });
  });

  it('answer invalid_client with 401 and a Basic challenge', async () => {
    const res = toErrorResponse(new InvalidClient(), 'token');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="[^"]+"/);
    expect((await res.json()).error).toBe('invalid_client');
  });

  it('answer invalid_token with 401 and a Bearer challenge that cannot be broken by quotes', () => {
    const res = toErrorResponse(new InvalidToken('The "token" expired.'), 'userinfo');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer error="invalid_token", error_description="The 'token' expired."`);
  });

  it('cut an attacker-chosen grant type short in the description', () => {
    expect(new UnsupportedGrantType('x'.repeat(1000)).description.length).toBeLessThan(120);
  });

  it('turn anything unexpected into a 500 server_error that reveals nothing', async () => {
    const res = toErrorResponse('database password is hunter2', 'unit test');
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error).toBe('server_error');
    expect(body.error_description).not.toContain('hunter2');
    expect(body.error_description).toMatch(/request [0-9a-f-]{36}/);
  });

  it('keep the headers of a custom error beside no-store', () => {
    const res = toErrorResponse(new OAuthError('insufficient_scope', 'Needs openid.', 403, { 'WWW-Authenticate': 'Bearer scope="openid"' }), 'userinfo');
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toBe('Bearer scope="openid"');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('jsonResult', () => {
  it('sends token responses uncacheable', async () => {
    const res = toWebResponse(jsonResult({ access_token: 'x' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ access_token: 'x' });
  });
});
