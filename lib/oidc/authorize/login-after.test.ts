import { describe, expect, it } from 'vitest';
import { LOGIN_AFTER_TTL_MS, signLoginAfter, verifyLoginAfter } from './login-after';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const request = { client: { id: 'client-a' }, redirectUri: 'https://rp.example/cb', codeChallenge: 'challenge-1' };

describe('login_after', () => {
  it('verifies the value it made for the same request, giving back the time', () => {
    expect(verifyLoginAfter(signLoginAfter(request, SECRET, NOW), request, SECRET, NOW + 1000)).toBe(NOW);
  });

  it('refuses a bare time, a forged signature and another secret', () => {
    expect(verifyLoginAfter('1', request, SECRET, NOW)).toBeNull();
    expect(verifyLoginAfter(String(NOW), request, SECRET, NOW)).toBeNull();
    expect(verifyLoginAfter(`${NOW}.${'A'.repeat(43)}`, request, SECRET, NOW)).toBeNull();
    expect(verifyLoginAfter(signLoginAfter(request, `${SECRET}x`, NOW), request, SECRET, NOW)).toBeNull();
  });

  it('refuses a value made for another request or with its time changed', () => {
    const made = signLoginAfter(request, SECRET, NOW);
    expect(verifyLoginAfter(made, { ...request, codeChallenge: 'challenge-2' }, SECRET, NOW)).toBeNull();
    expect(verifyLoginAfter(made, { ...request, client: { id: 'client-b' } }, SECRET, NOW)).toBeNull();
    expect(verifyLoginAfter(made, { ...request, redirectUri: 'https://rp.example/other' }, SECRET, NOW)).toBeNull();
    expect(verifyLoginAfter(made.replace(String(NOW), String(NOW - 1)), request, SECRET, NOW)).toBeNull();
  });

  it('refuses a value older than its lifetime or from the future', () => {
    const made = signLoginAfter(request, SECRET, NOW);
    expect(verifyLoginAfter(made, request, SECRET, NOW + LOGIN_AFTER_TTL_MS)).toBe(NOW);
    expect(verifyLoginAfter(made, request, SECRET, NOW + LOGIN_AFTER_TTL_MS + 1)).toBeNull();
    expect(verifyLoginAfter(made, request, SECRET, NOW - 1)).toBeNull();
  });
});
