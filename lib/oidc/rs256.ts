import { KeyObject, sign } from 'node:crypto';
import type { CryptoKey } from 'jose';

// Access tokens are the one JWT on a hot path (every client_credentials request signs one), and
// jose signs through WebCrypto, which measured ~30 µs more per token than node:crypto's sign with
// a cached KeyObject (bench/oidc.ts). Keys still come from jose; every other JWT is jose's.

const keyObjects = new WeakMap<CryptoKey, KeyObject>();

function keyObjectOf(key: CryptoKey): KeyObject {
  let ko = keyObjects.get(key);
  if (!ko) {
    ko = KeyObject.from(key);
    keyObjects.set(key, ko);
  }
  return ko;
}

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS (RFC 7515 §7.1) with RS256 (RSASSA-PKCS1-v1_5 with SHA-256), signed on libuv's pool. */
export function signRs256(header: Record<string, unknown>, payload: Record<string, unknown>, privateKey: CryptoKey): Promise<string> {
  const input = `${b64url({ ...header, alg: 'RS256' })}.${b64url(payload)}`;
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(input), keyObjectOf(privateKey), (err, signature) => {
      if (err) reject(err);
      else resolve(`${input}.${signature.toString('base64url')}`);
    });
  });
}
