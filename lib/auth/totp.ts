import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** ±1 step of clock drift between the phone and the server. */
const DRIFT_STEPS = 1;

export function newTotpSecret(): string {
  // 20 bytes = 160 bits, the HMAC-SHA1 block-size recommendation of RFC 4226 §4.
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, accountName: string, issuer = 'Auth Portal'): string {
  return generateURI({ issuer, label: accountName, secret, period: TOTP_PERIOD_SECONDS });
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

/**
 * Checks a code against the secret at `nowSeconds`, within ±1 step. A code whose step is not
 * after `lastUsedStep` is a replay (RFC 6238 §5.2: accept a code at most once).
 */
export async function checkTotp(
  secret: string,
  code: string,
  lastUsedStep: number | null,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<TotpCheck> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: 'invalid' };
  const opts = { secret, token, epoch: nowSeconds, period: TOTP_PERIOD_SECONDS, epochTolerance: DRIFT_STEPS * TOTP_PERIOD_SECONDS };
  const result = await verify(opts);
  if (result.valid && 'timeStep' in result) {
    if (lastUsedStep !== null && result.timeStep <= lastUsedStep) return { ok: false, reason: 'replayed' };
    return { ok: true, step: result.timeStep };
  }
  return { ok: false, reason: 'invalid' };
}
