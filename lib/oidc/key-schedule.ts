import type { SigningAlg } from '@/db/schema';

/** JWKS responses may be cached this long, so a new key is published at least this long before it signs. */
export const JWKS_MAX_AGE_SECONDS = 300;
const CLOCK_SKEW_SECONDS = 60;
/** The longest life of anything we sign (id tokens); a retired key stays published this long. */
export const LONGEST_TOKEN_LIFETIME_SECONDS = 60 * 60;

export type ScheduledKey = { alg: SigningAlg; activatesAt: Date; retiredAt: Date | null; unpublishAt: Date | null };

/**
 * When a key added now starts signing (after every cached JWKS has been refetched) and when the key
 * it replaces leaves the JWKS (after every token it signed has expired).
 */
export function rotationSchedule(now: Date) {
  const activatesAt = new Date(now.getTime() + (JWKS_MAX_AGE_SECONDS + CLOCK_SKEW_SECONDS) * 1000);
  const unpublishAt = new Date(activatesAt.getTime() + (LONGEST_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) * 1000);
  return { activatesAt, unpublishAt };
}

/** The key that signs for `alg` at `now`: the newest one already active and not yet retired. */
export function keyThatSigns<K extends ScheduledKey>(keys: readonly K[], alg: SigningAlg, now: Date): K | undefined {
  const t = now.getTime();
  return keys
    .filter((k) => k.alg === alg && k.activatesAt.getTime() <= t && (!k.retiredAt || k.retiredAt.getTime() > t))
    .sort((a, b) => b.activatesAt.getTime() - a.activatesAt.getTime())[0];
}

/** Published keys: the ones about to sign, signing, or still verifying tokens they signed. */
export function isPublished(key: ScheduledKey, now: Date): boolean {
  return !key.unpublishAt || key.unpublishAt.getTime() > now.getTime();
}

/**
 * A key's state as the CLI and the platform console show it: `published` (in the JWKS, signs
 * later), `active` (signs now), `retired` (no longer signs, still verifies what it signed) and
 * `unpublished` (gone from the JWKS).
 */
export type KeyState = 'published' | 'active' | 'retired' | 'unpublished';

export function keyState(key: ScheduledKey, now: Date): KeyState {
  const t = now.getTime();
  if (key.unpublishAt && key.unpublishAt.getTime() <= t) return 'unpublished';
  if (key.retiredAt && key.retiredAt.getTime() <= t) return 'retired';
  return key.activatesAt.getTime() > t ? 'published' : 'active';
}

/** How long a key signs before the platform console says it is due for rotation. */
export const KEY_ROTATION_DUE_DAYS = 90;

/** A key that has signed for KEY_ROTATION_DUE_DAYS or more and has no successor scheduled. */
export function isRotationDue(key: ScheduledKey, now: Date): boolean {
  if (keyState(key, now) !== 'active' || key.retiredAt) return false;
  return now.getTime() - key.activatesAt.getTime() >= KEY_ROTATION_DUE_DAYS * 86_400_000;
}
