import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';

// OWASP Password Storage Cheat Sheet: Argon2id, m=19 MiB, t=2, p=1.
const ARGON2_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// @node-rs/argon2 hashes on libuv's thread pool; bounding how many run at once keeps a burst
// of sign-ins from filling that pool (which fs and dns share) and from using unbounded memory.
const holder = globalThis as unknown as { __authPortalHashLimit?: ReturnType<typeof pLimit> };
const limit = (holder.__authPortalHashLimit ??= pLimit(2));

export function hashPassword(password: string): Promise<string> {
  return limit(() => hash(password, ARGON2_OPTIONS));
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return limit(() => verify(passwordHash, password).catch(() => false));
}

// Verified when the account does not exist, so both paths take the same time.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password-' + Math.random());
  await verifyPassword(await dummyHash, password);
  return false;
}
