import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import type { Actor } from '@/lib/domain/actor';
import { keyState } from '@/lib/oidc/key-schedule';
import { listSigningKeys, rotateSigningKeys } from '@/lib/oidc/keys';
import { requirePlatformActor } from './actors';

/** The signing keys, oldest first, each with its state now (published, active, retired, unpublished). */
export async function signingKeysWithState(now = new Date()) {
  return (await listSigningKeys()).map((k) => ({ ...k, state: keyState(k, now) }));
}

/**
 * `keys rotate` for a platform actor: the same rotateSigningKeys as the CLI (a new key per
 * algorithm, published now, signing once JWKS caches have expired), audited with who asked.
 */
export async function rotateSigningKeysAs(actor: Actor, meta?: ClientMeta) {
  requirePlatformActor(actor);
  const created = await rotateSigningKeys();
  await recordAudit('platform.keys_rotated', {
    actor,
    meta,
    detail: { keys: created.map((k) => ({ kid: k.kid, alg: k.alg, activates_at: k.activatesAt.toISOString() })) },
  });
  return created;
}
