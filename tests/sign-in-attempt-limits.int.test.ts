import { afterAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, SESSION_COOKIE, signIn, uniqueIp } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { FormClient, fieldError, textOf } from './harness/form-client';
import { callServerAction, actionId } from './harness/server-actions';
import { enrollTotp, totpCode } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

/** A verified account with TOTP on, and a second browser of it waiting at the second step. */
async function atSecondStep() {
  const email = newEmail('second-step');
  await createVerifiedAccount(portalUrl, mailDir, { email });
  const enroller = new FormClient(portalUrl);
  await signIn(enroller, email);
  const { secret, codes } = await enrollTotp(enroller);
  const browser = new FormClient(portalUrl);
  const page = await signIn(browser, email);
  expect(new URL(page.url).pathname).toBe('/two-factor');
  const [user] = await sql`select id from users where email = ${email}`;
  return { email, secret, codes, browser, page, userId: user!.id as string };
}

async function wrongCodeFor(secret: string): Promise<string> {
  const valid = new Set(await Promise.all([-1, 0, 1, 2].map((step) => totpCode(secret, step))));
  for (const candidate of ['123456', '654321', '111111', '222222', '333333']) if (!valid.has(candidate)) return candidate;
  throw new Error('unreachable');
}

describe('second-factor limits', () => {
  it('15 wrong codes sent at once: no more than 10 are checked, and a right code afterwards is refused as rate-limited', async () => {
    const { browser, page, secret, userId } = await atSecondStep();
    const wrong = await wrongCodeFor(secret);
    const answers = await Promise.all(Array.from({ length: 15 }, () => browser.submit(page, 'Verify', { code: wrong })));
    const limited = answers.filter((a) => textOf(a).includes('Too many wrong codes'));
    const checked = answers.filter((a) => fieldError(a, 'code')?.includes('not right'));
    expect(checked).toHaveLength(10);
    expect(limited).toHaveLength(5);
    const [failed] = await sql`select count(*)::int as n from audit_log where user_id = ${userId} and event = 'user.second_factor_failed'`;
    expect(failed!.n).toBe(10);

    const right = await browser.submit(page, 'Verify', { code: await totpCode(secret) });
    expect(textOf(right)).toContain('Too many wrong codes');
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
  });
});

describe('recovery codes', () => {
  it('a recovery code typed into an expired sign-in is not spent', async () => {
    const { browser, codes, userId } = await atSecondStep();
    const form = await browser.get('/two-factor?method=recovery');
    await sql`update pending_sign_ins set expires_at = now() - interval '1 second' where user_id = ${userId}`;
    const expired = await browser.submit(form, 'Verify', { code: codes[0]! });
    expect(textOf(expired)).toContain('This sign-in has expired');
    const [used] = await sql`select count(*)::int as n from recovery_codes where user_id = ${userId} and used_at is not null`;
    expect(used!.n).toBe(0);
  });

  it('five recovery codes sent at once for one pending sign-in: one signs in, the other codes stay unused', async () => {
    const { browser, codes, userId } = await atSecondStep();
    const form = await browser.get('/two-factor?method=recovery');
    const answers = await Promise.all(codes.slice(0, 5).map((code) => browser.submit(form, 'Verify', { code })));
    expect(answers.filter((a) => textOf(a).includes('This sign-in has expired'))).toHaveLength(4);
    const [used] = await sql`select count(*)::int as n from recovery_codes where user_id = ${userId} and used_at is not null`;
    expect(used!.n).toBe(1);
  });
});

describe('passkey sign-in options', () => {
  it('count toward the sign-in limit per client address: the 101st request in 15 minutes gets no challenge', async () => {
    const browser = new FormClient(portalUrl, uniqueIp());
    const options = actionId('app/(auth)/login/passkey-actions.ts', 'passkeySignInOptionsAction');
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => callServerAction(browser, '/login', options)));
      for (const a of answers) expect(a.body).toContain('"challenge"');
    }
    const refused = await callServerAction(browser, '/login', options);
    expect(refused.body).not.toContain('"challenge"');
    expect(refused.body).toContain('Too many attempts');
    // Another address is not affected.
    expect((await callServerAction(new FormClient(portalUrl, uniqueIp()), '/login', options)).body).toContain('"challenge"');
  });
});
