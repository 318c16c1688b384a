import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a key derived from AUTH_SECRET by HKDF-SHA256 (one key per `purpose`), for
 * secrets that must be readable again: signing keys now, TOTP secrets later.
 */
function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'auth-portal', `auth-portal:${purpose}`, 32));
}

export function sealSecret(plaintext: string, secret: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

const TAG_BYTES = 16;

export function openSecret(sealed: string, secret: string, purpose: string): string {
  const parts = sealed.split('.');
  const [version, iv, tag, body] = parts;
  if (parts.length !== 4 || version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unrecognised sealed secret');
  // Without a fixed tag length GCM would accept a truncated tag (down to 4 bytes), making forgery cheap.
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, purpose), Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
