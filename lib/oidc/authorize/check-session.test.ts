import { describe, expect, it } from 'vitest';
import { needsLogin } from './check-session';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const session = (ageSeconds: number) => ({ createdAt: new Date(NOW - ageSeconds * 1000) });

describe('needsLogin', () => {
  it('asks for a sign-in without a session', () => {
    expect(needsLogin(null, undefined, undefined, NOW)).toBe(true);
  });

  it('accepts any live session without max_age', () => {
    expect(needsLogin(session(86_400), undefined, undefined, NOW)).toBe(false);
  });

  it('asks for a sign-in when the session is older than max_age', () => {
    expect(needsLogin(session(61), 60, undefined, NOW)).toBe(true);
    expect(needsLogin(session(60), 60, undefined, NOW)).toBe(false);
  });

  it('treats max_age=0 as a fresh sign-in every time', () => {
    expect(needsLogin(session(1), 0, undefined, NOW)).toBe(true);
  });

  it('accepts the session made by the sign-in it asked for, even with max_age=0', () => {
    const askedAt = NOW - 5_000;
    expect(needsLogin(session(2), 0, String(askedAt), NOW)).toBe(false);
    expect(needsLogin(session(2), 3600, String(askedAt), NOW)).toBe(false);
  });

  it('still asks when the session predates the sign-in it asked for', () => {
    const askedAt = NOW - 5_000;
    expect(needsLogin(session(10), undefined, String(askedAt), NOW)).toBe(true);
  });

  it('ignores a login_after that is not a number', () => {
    expect(needsLogin(session(10), 0, 'soon', NOW)).toBe(true);
    expect(needsLogin(session(10), undefined, 'soon', NOW)).toBe(false);
  });
});
