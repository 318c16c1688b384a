import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { db } from '@/db';
import { withAdvisoryLock } from '@/db/advisory-lock';
import { signingKeys, type SigningAlg } from '@/db/schema';
import { config } from '@/lib/config';
import { isPublished, keyThatSigns, rotationSchedule } from './key-schedule';
import { openSecret, sealSecret } from './secret-box';

export { JWKS_MAX_AGE_SECONDS, LONGEST_TOKEN_LIFETIME_SECONDS } from './key-schedule';

export const SIGNING_ALGS: readonly SigningAlg[] = ['RS256', 'ES256', 'EdDSA'];
const RELOAD_MS = 30_000;
const PURPOSE = 'signing-keys';

type LoadedKey = {
  kid: string;
  alg: SigningAlg;
  publicJwk: JWK;
  privateKey: CryptoKey;
  activatesAt: Date;
  retiredAt: Date | null;
  unpublishAt: Date | null;
};

type KeyCache = { keys: LoadedKey[]; loadedAt: number; loading?: Promise<LoadedKey[]> };
const holder = globalThis as unknown as { __authPortalKeys?: KeyCache };

async function createKeyRow(alg: SigningAlg, activatesAt: Date) {
  const { publicKey, privateKey } = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519', extractable: true } : { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const pub = { ...publicJwk, kid, alg, use: 'sig' };
  await db()
    .insert(signingKeys)
    .values({
      kid,
      alg,
      publicJwk: pub,
      privateJwkEncrypted: sealSecret(JSON.stringify(privateJwk), config().authSecret, PURPOSE),
      activatesAt,
    });
  return { kid, alg, activatesAt };
}

/**
 * At start-up: an installation without a signing key for an algorithm gets one, active at once.
 * Under a lock, so instances starting together on a new database create one key per algorithm, not one each.
 */
export async function ensureSigningKeys(): Promise<void> {
  await withAdvisoryLock('signing-keys', async () => {
    const existing = await db().select({ alg: signingKeys.alg }).from(signingKeys).where(isNull(signingKeys.retiredAt));
    for (const alg of SIGNING_ALGS) {
      if (!existing.some((k) => k.alg === alg)) await createKeyRow(alg, new Date());
    }
  });
  invalidateKeyCache();
}

/**
 * Adds a new key per algorithm that is published now and signs only after JWKS caches have
 * expired; the current key stops signing then and leaves the JWKS once every token it signed has expired.
 */
export async function rotateSigningKeys(algs: readonly SigningAlg[] = SIGNING_ALGS) {
  const { activatesAt, unpublishAt } = rotationSchedule(new Date());
  const created = [];
  for (const alg of algs) {
    await db()
      .update(signingKeys)
      .set({ retiredAt: activatesAt, unpublishAt })
      .where(and(eq(signingKeys.alg, alg), isNull(signingKeys.retiredAt)));
    created.push(await createKeyRow(alg, activatesAt));
  }
  invalidateKeyCache();
  return created;
}

export async function listSigningKeys() {
  return db()
    .select({
      kid: signingKeys.kid,
      alg: signingKeys.alg,
      activatesAt: signingKeys.activatesAt,
      retiredAt: signingKeys.retiredAt,
      unpublishAt: signingKeys.unpublishAt,
      createdAt: signingKeys.createdAt,
    })
    .from(signingKeys)
    .orderBy(asc(signingKeys.createdAt));
}

async function loadKeys(): Promise<LoadedKey[]> {
  const now = new Date();
  const rows = await db()
    .select()
    .from(signingKeys)
    .where(or(isNull(signingKeys.unpublishAt), gt(signingKeys.unpublishAt, now)));
  const secret = config().authSecret;
  return Promise.all(
    rows.map(async (row) => ({
      kid: row.kid,
      alg: row.alg,
      publicJwk: row.publicJwk as JWK,
      privateKey: (await importJWK(JSON.parse(openSecret(row.privateJwkEncrypted, secret, PURPOSE)) as JWK, row.alg)) as CryptoKey,
      activatesAt: row.activatesAt,
      retiredAt: row.retiredAt,
      unpublishAt: row.unpublishAt,
    })),
  );
}

export function invalidateKeyCache(): void {
  holder.__authPortalKeys = undefined;
}

/** Keys from the database, reloaded every 30 s so every instance sees rotations. */
async function currentKeys(): Promise<LoadedKey[]> {
  const cache = holder.__authPortalKeys;
  if (cache && Date.now() - cache.loadedAt < RELOAD_MS) return cache.keys;
  if (cache?.loading) return cache.loading;
  const loading = loadKeys();
  holder.__authPortalKeys = { keys: cache?.keys ?? [], loadedAt: cache?.loadedAt ?? 0, loading };
  try {
    const keys = await loading;
    holder.__authPortalKeys = { keys, loadedAt: Date.now() };
    return keys;
  } catch (err) {
    holder.__authPortalKeys = cache;
    throw err;
  }
}

/** The key that signs now for `alg`: the newest one already active and not yet retired. */
export async function signingKey(alg: SigningAlg): Promise<LoadedKey> {
  const key = keyThatSigns(await currentKeys(), alg, new Date());
  if (!key) throw new Error(`No active ${alg} signing key`);
  return key;
}

/** RFC 7517 key set: every key that may still verify a live token, and the ones about to sign. */
const jwksHolder = globalThis as unknown as { __authPortalJwksBytes?: { keys: LoadedKey[]; bytes: Buffer; until: number } };

/** The JWKS serialized, rebuilt when keys reload or when a key's publication ends. */
export async function publicJwksBytes(): Promise<Buffer> {
  const keys = await currentKeys();
  const cached = jwksHolder.__authPortalJwksBytes;
  if (cached?.keys === keys && Date.now() < cached.until) return cached.bytes;
  const now = new Date();
  const published = keys.filter((k) => isPublished(k, now));
  const until = Math.min(Infinity, ...published.map((k) => k.unpublishAt?.getTime() ?? Infinity));
  const bytes = Buffer.from(JSON.stringify({ keys: published.map((k) => k.publicJwk) }));
  jwksHolder.__authPortalJwksBytes = { keys, bytes, until };
  return bytes;
}

type LocalKeySet = ReturnType<typeof createLocalJWKSet>;
const keySetHolder = globalThis as unknown as { __authPortalKeySet?: { keys: LoadedKey[]; set: LocalKeySet } };

/** The published keys as a jose key set for verifying our own tokens, rebuilt only when keys reload. */
export async function verificationKeySet(): Promise<LocalKeySet> {
  const keys = await currentKeys();
  const cached = keySetHolder.__authPortalKeySet;
  if (cached?.keys === keys) return cached.set;
  const now = new Date();
  const set = createLocalJWKSet({ keys: keys.filter((k) => isPublished(k, now)).map((k) => k.publicJwk) });
  keySetHolder.__authPortalKeySet = { keys, set };
  return set;
}
