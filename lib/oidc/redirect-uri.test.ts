import { describe, expect, it } from 'vitest';
import { assertRegistrableRedirectUris, isRegisteredRedirectUri, redirectUriProblem, UnsafeRedirectUri, withParams } from './redirect-uri';

const REGISTERED = ['https://rp.example/callback', 'http://127.0.0.1:8080/cb?mode=desktop'];

describe('redirect URI matching (exact string comparison)', () => {
  it('accepts a registered URI exactly as registered', () => {
    expect(isRegisteredRedirectUri(REGISTERED, 'https://rp.example/callback')).toBe(true);
    expect(isRegisteredRedirectUri(REGISTERED, 'http://127.0.0.1:8080/cb?mode=desktop')).toBe(true);
  });

  it.each([
    ['a trailing slash', 'https://rp.example/callback/'],
    ['a longer path (prefix match)', 'https://rp.example/callback/evil'],
    ['a shorter path', 'https://rp.example/'],
    ['a suffix on the path', 'https://rp.example/callbackx'],
    ['an added query', 'https://rp.example/callback?x=1'],
    ['a fragment', 'https://rp.example/callback#x'],
    ['an upper-case host', 'https://RP.example/callback'],
    ['an upper-case scheme', 'HTTPS://rp.example/callback'],
    ['an upper-case path', 'https://rp.example/Callback'],
    ['another scheme', 'http://rp.example/callback'],
    ['an explicit default port', 'https://rp.example:443/callback'],
    ['a subdomain', 'https://evil.rp.example/callback'],
    ['userinfo', 'https://rp.example@evil.example/callback'],
    ['a percent-encoded path', 'https://rp.example/%63allback'],
    ['a changed query', 'http://127.0.0.1:8080/cb?mode=web'],
    ['the query dropped', 'http://127.0.0.1:8080/cb'],
    ['another loopback port', 'http://127.0.0.1:8081/cb?mode=desktop'],
    ['the empty string', ''],
  ])('refuses %s', (_label, uri) => {
    expect(isRegisteredRedirectUri(REGISTERED, uri)).toBe(false);
  });

  it('refuses everything when nothing is registered', () => {
    expect(isRegisteredRedirectUri([], 'https://rp.example/callback')).toBe(false);
  });
});

describe('withParams', () => {
  it('adds parameters and keeps the registered query', () => {
    const url = new URL(withParams('http://127.0.0.1:8080/cb?mode=desktop', { code: 'c', state: 's t', iss: 'https://p' }));
    expect(url.searchParams.get('mode')).toBe('desktop');
    expect(url.searchParams.get('code')).toBe('c');
    expect(url.searchParams.get('state')).toBe('s t');
    expect(url.searchParams.get('iss')).toBe('https://p');
  });

  it('leaves out undefined values', () => {
    expect(withParams('https://rp.example/callback', { code: 'c', state: undefined })).toBe('https://rp.example/callback?code=c');
  });
});

describe('redirect URI registration rule (RFC 8252 §7, RFC 9700 §4.1)', () => {
  it.each([
    'https://app.example.com/cb',
    'https://app.example.com:8443/cb?mode=web',
    'http://127.0.0.1:8080/cb',
    'http://127.0.0.1/cb',
    'http://[::1]:51004/cb',
    'http://localhost:3000/auth/callback/portal',
    'com.example.app:/oauth2redirect',
    'com.example.app://callback/path',
  ])('accepts %s', (uri) => {
    expect(redirectUriProblem(uri)).toBeNull();
  });

  it.each([
    ['a javascript: URI', 'javascript:alert(1)'],
    ['a data: URI', 'data:text/html,<script>alert(1)</script>'],
    ['a file: URI', 'file:///etc/passwd'],
    ['a scheme without a dot', 'myapp:/callback'],
    ['a private-use scheme without a path', 'com.example.app:callback'],
    ['plain http to a non-loopback host', 'http://app.example.com/cb'],
    ['plain http to a host named like localhost', 'http://localhost.evil.example/cb'],
    ['a wildcard host', 'https://*.example.com/cb'],
    ['a wildcard path', 'https://app.example.com/*'],
    ['userinfo', 'https://evil@app.example.com/cb'],
    ['userinfo with a password', 'https://user:pw@app.example.com/cb'],
    ['an empty userinfo', 'https://@app.example.com/cb'],
    ['a fragment', 'https://app.example.com/cb#x'],
    ['an empty fragment', 'https://app.example.com/cb#'],
    ['a backslash', 'https://app.example.com\\@evil.example/cb'],
    ['a space', 'https://app.example.com/c b'],
    ['a relative URI', '/callback'],
    ['the empty string', ''],
    ['a URI too long', `https://app.example.com/${'a'.repeat(2000)}`],
  ])('refuses %s', (_label, uri) => {
    expect(redirectUriProblem(uri)).toEqual(expect.any(String));
  });

  it('client registration throws for the first URI that breaks the rule', () => {
    expect(() => assertRegistrableRedirectUris(['https://app.example.com/cb', 'javascript:alert(1)'])).toThrow(UnsafeRedirectUri);
    expect(() => assertRegistrableRedirectUris(['https://app.example.com/cb', 'com.example.app:/cb'])).not.toThrow();
  });
});
