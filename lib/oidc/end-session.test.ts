import { describe, expect, it } from 'vitest';
import { sessionClearingCookie } from './end-session';

describe('sessionClearingCookie', () => {
  it('is Secure on https, or a browser keeps the __Secure- session cookie it should clear', () => {
    expect(sessionClearingCookie('__Secure-authjs.session-token', true)).toBe(
      '__Secure-authjs.session-token=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure',
    );
  });

  it('has no Secure attribute on plain http (local development), where browsers would drop it', () => {
    expect(sessionClearingCookie('authjs.session-token', false)).toBe('authjs.session-token=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax');
  });
});
