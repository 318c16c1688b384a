import { generateKeyPair, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { signRs256 } from './rs256';

describe('RS256 access-token signing', () => {
  it('produces a JWS that jose verifies, with the header and claims given', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const token = await signRs256({ typ: 'at+jwt', kid: 'k1' }, { sub: 'alice', aud: 'api', exp: Math.floor(Date.now() / 1000) + 60 }, privateKey);
    const { payload, protectedHeader } = await jwtVerify(token, publicKey, { typ: 'at+jwt', algorithms: ['RS256'], audience: 'api' });
    expect(protectedHeader).toEqual({ typ: 'at+jwt', kid: 'k1', alg: 'RS256' });
    expect(payload.sub).toBe('alice');
  });

  it('is refused by a verifier holding another key', async () => {
    const signer = await generateKeyPair('RS256', { extractable: true });
    const other = await generateKeyPair('RS256');
    const token = await signRs256({ typ: 'at+jwt' }, { sub: 'alice' }, signer.privateKey);
    await expect(jwtVerify(token, other.publicKey)).rejects.toThrow();
  });
});
