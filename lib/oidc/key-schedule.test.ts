import { describe, expect, it } from 'vitest';
import { isPublished, isRotationDue, JWKS_MAX_AGE_SECONDS, KEY_ROTATION_DUE_DAYS, keyState, keyThatSigns, LONGEST_TOKEN_LIFETIME_SECONDS, rotationSchedule, type ScheduledKey } from './key-schedule';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** A first key active from t0, then a rotation at t0 + 1 day, as rotateSigningKeys records it. */
function rotated() {
  const rotatedAt = at(86_400);
  const { activatesAt, unpublishAt } = rotationSchedule(rotatedAt);
  const old: ScheduledKey & { kid: string } = { kid: 'old', alg: 'RS256', activatesAt: t0, retiredAt: activatesAt, unpublishAt };
  const next: ScheduledKey & { kid: string } = { kid: 'new', alg: 'RS256', activatesAt, retiredAt: null, unpublishAt: null };
  return { rotatedAt, activatesAt, unpublishAt, keys: [old, next] };
}

describe('signing key rotation schedule', () => {
  it('publishes a new key before it signs: not before every JWKS cache has expired', () => {
    const { rotatedAt, activatesAt } = rotated();
    expect((activatesAt.getTime() - rotatedAt.getTime()) / 1000).toBeGreaterThan(JWKS_MAX_AGE_SECONDS);
  });

  it('keeps signing with the old key until the new one activates, then switches', () => {
    const { rotatedAt, activatesAt, keys } = rotated();
    expect(keyThatSigns(keys, 'RS256', rotatedAt)?.kid).toBe('old');
    expect(keyThatSigns(keys, 'RS256', new Date(activatesAt.getTime() - 1))?.kid).toBe('old');
    expect(keyThatSigns(keys, 'RS256', activatesAt)?.kid).toBe('new');
  });

  it('publishes both keys from the rotation until every token the old key signed has expired', () => {
    const { rotatedAt, activatesAt, unpublishAt, keys } = rotated();
    const [old, next] = keys;
    expect(isPublished(next!, rotatedAt)).toBe(true);
    expect(isPublished(old!, activatesAt)).toBe(true);
    expect((unpublishAt.getTime() - activatesAt.getTime()) / 1000).toBeGreaterThan(LONGEST_TOKEN_LIFETIME_SECONDS);
    expect(isPublished(old!, new Date(unpublishAt.getTime() - 1))).toBe(true);
    expect(isPublished(old!, unpublishAt)).toBe(false);
  });

  it('signs only with a key of the requested algorithm, and with none when none is active', () => {
    const { keys, rotatedAt } = rotated();
    expect(keyThatSigns(keys, 'ES256', rotatedAt)).toBeUndefined();
    expect(keyThatSigns(keys, 'RS256', new Date(t0.getTime() - 1))).toBeUndefined();
  });
});

describe('key states and rotation due', () => {
  it('names each stage of a rotation: the new key published, then active; the old one active, retired, unpublished', () => {
    const { rotatedAt, activatesAt, unpublishAt, keys } = rotated();
    const [old, next] = keys;
    expect([keyState(old!, rotatedAt), keyState(next!, rotatedAt)]).toEqual(['active', 'published']);
    expect([keyState(old!, activatesAt), keyState(next!, activatesAt)]).toEqual(['retired', 'active']);
    expect(keyState(old!, unpublishAt)).toBe('unpublished');
  });

  it('says an active key is due for rotation after KEY_ROTATION_DUE_DAYS, unless a successor is already scheduled', () => {
    const key: ScheduledKey = { alg: 'RS256', activatesAt: t0, retiredAt: null, unpublishAt: null };
    expect(isRotationDue(key, at(KEY_ROTATION_DUE_DAYS * 86_400 - 1))).toBe(false);
    expect(isRotationDue(key, at(KEY_ROTATION_DUE_DAYS * 86_400))).toBe(true);
    const { keys } = rotated();
    expect(isRotationDue(keys[0]!, at(KEY_ROTATION_DUE_DAYS * 86_400 + 1))).toBe(false);
  });
});
