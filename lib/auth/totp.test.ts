import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret, TOTP_PERIOD_SECONDS, totpUri } from './totp';

const at = (step: number) => step * TOTP_PERIOD_SECONDS + 7;
const codeAt = (secret: string, step: number) => generate({ secret, epoch: at(step) });

describe('checkTotp', () => {
  const secret = newTotpSecret();
  const now = 58_000_000;

  it('accepts the current code and reports its time step', async () => {
    expect(await checkTotp(secret, await codeAt(secret, now), null, at(now))).toEqual({ ok: true, step: now });
  });

  it('accepts a code one step early or late (clock drift), not two', async () => {
    expect(await checkTotp(secret, await codeAt(secret, now - 1), null, at(now))).toEqual({ ok: true, step: now - 1 });
    expect(await checkTotp(secret, await codeAt(secret, now + 1), null, at(now))).toEqual({ ok: true, step: now + 1 });
    expect(await checkTotp(secret, await codeAt(secret, now - 2), null, at(now))).toEqual({ ok: false, reason: 'invalid' });
    expect(await checkTotp(secret, await codeAt(secret, now + 2), null, at(now))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a code of the last used step or an earlier one as a replay', async () => {
    const code = await codeAt(secret, now);
    expect(await checkTotp(secret, code, now, at(now))).toEqual({ ok: false, reason: 'replayed' });
    expect(await checkTotp(secret, await codeAt(secret, now - 1), now, at(now))).toEqual({ ok: false, reason: 'replayed' });
    expect(await checkTotp(secret, await codeAt(secret, now + 1), now, at(now))).toEqual({ ok: true, step: now + 1 });
  });

  it('refuses malformed codes and another secret’s code', async () => {
    expect(await checkTotp(secret, '12345', null, at(now))).toEqual({ ok: false, reason: 'invalid' });
    expect(await checkTotp(secret, 'abcdef', null, at(now))).toEqual({ ok: false, reason: 'invalid' });
    const other = newTotpSecret();
    const foreign = await codeAt(other, now);
    const own = await codeAt(secret, now);
    if (foreign !== own) expect(await checkTotp(secret, foreign, null, at(now))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('accepts a code typed with spaces', async () => {
    const code = await codeAt(secret, now);
    expect(await checkTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, at(now))).toEqual({ ok: true, step: now });
  });
});

describe('totpUri', () => {
  it('names the issuer and account and carries the secret', () => {
    const uri = new URL(totpUri('JBSWY3DPEHPK3PXP', 'ada@example.com'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(uri.searchParams.get('issuer')).toBe('Auth Portal');
  });
});
