import { describe, expect, it } from 'vitest';
import { isRegisteredRedirectUri, withParams } from './redirect-uri';

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
