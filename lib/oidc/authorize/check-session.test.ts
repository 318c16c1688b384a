import { describe, expect, it } from 'vitest';
import { sessionDecision } from './check-session';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const session = (ageSeconds: number) => ({ createdAt: new Date(NOW - ageSeconds * 1000) });
const none = new Set<string>();
const login = new Set(['login']);
const matches = async () => true;
const differs = async () => false;

describe('sessionDecision', () => {
  it('asks for a sign-in without a session', async () => {
    expect(await sessionDecision(null, { prompt: none }, undefined, matches, NOW)).toBe('sign_in');
  });

  it('accepts any live session without max_age', async () => {
    expect(await sessionDecision(session(86_400), { prompt: none }, undefined, matches, NOW)).toBe('use_session');
  });

  it('asks for a sign-in again when the session is older than max_age', async () => {
    expect(await sessionDecision(session(61), { prompt: none, maxAge: 60 }, undefined, matches, NOW)).toBe('sign_in_again');
    expect(await sessionDecision(session(60), { prompt: none, maxAge: 60 }, undefined, matches, NOW)).toBe('use_session');
  });

  it('treats max_age=0 and prompt=login as a fresh sign-in every time', async () => {
    expect(await sessionDecision(session(1), { prompt: none, maxAge: 0 }, undefined, matches, NOW)).toBe('sign_in_again');
    expect(await sessionDecision(session(1), { prompt: login }, undefined, matches, NOW)).toBe('sign_in_again');
  });

  it('accepts the session made by the sign-in it asked for, even with max_age=0 or prompt=login', async () => {
    const askedAt = NOW - 5_000;
    expect(await sessionDecision(session(2), { prompt: none, maxAge: 0 }, askedAt, matches, NOW)).toBe('use_session');
    expect(await sessionDecision(session(2), { prompt: login, maxAge: 3600 }, askedAt, matches, NOW)).toBe('use_session');
  });

  it('still asks when the session predates the sign-in it asked for', async () => {
    expect(await sessionDecision(session(10), { prompt: none }, NOW - 5_000, matches, NOW)).toBe('sign_in_again');
  });

  it('asks again for a login_after that is not ours, with or without prompt=login', async () => {
    expect(await sessionDecision(session(10), { prompt: none }, null, matches, NOW)).toBe('sign_in_again');
    expect(await sessionDecision(session(10), { prompt: login }, null, matches, NOW)).toBe('sign_in_again');
    expect(await sessionDecision(null, { prompt: none }, null, matches, NOW)).toBe('sign_in');
  });

  it('asks again when id_token_hint names someone else, but not after the sign-in it asked for', async () => {
    expect(await sessionDecision(session(10), { prompt: none }, undefined, differs, NOW)).toBe('sign_in_again');
    expect(await sessionDecision(session(2), { prompt: none }, NOW - 5_000, differs, NOW)).toBe('use_session');
  });
});
