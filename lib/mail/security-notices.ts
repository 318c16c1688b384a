import type { Mail } from './transport';

/**
 * Mails telling a person that the way they sign in changed (ASVS 6.3.7), so a change they did not
 * make does not go unnoticed. They carry no link: a notice that looks like a phish would teach
 * people to click.
 */
export type SecurityNotice =
  | { kind: 'two_factor_enabled' | 'two_factor_disabled' | 'recovery_codes_regenerated' | 'recovery_code_used'; from?: Origin }
  | { kind: 'passkey_added'; passkey: string; from?: Origin }
  | { kind: 'second_factors_reset_by_admin' };

/** Where the change came from, as the Security page shows it. */
export type Origin = { ip: string | null; userAgent: string | null };

const SUBJECTS: Record<SecurityNotice['kind'], string> = {
  two_factor_enabled: 'Two-factor authentication was turned on',
  two_factor_disabled: 'Two-factor authentication was turned off',
  recovery_codes_regenerated: 'New recovery codes were made',
  recovery_code_used: 'A recovery code was used to sign in',
  passkey_added: 'A passkey was added to your account',
  second_factors_reset_by_admin: 'An administrator reset your two-factor authentication',
};

function what(notice: SecurityNotice): string {
  switch (notice.kind) {
    case 'two_factor_enabled':
      return 'Two-factor authentication with an authenticator app was turned on for your Auth Portal account.';
    case 'two_factor_disabled':
      return 'Two-factor authentication was turned off for your Auth Portal account. Your authenticator app and recovery codes no longer work.';
    case 'recovery_codes_regenerated':
      return 'A new set of recovery codes was made for your Auth Portal account. The previous codes no longer work.';
    case 'recovery_code_used':
      return 'One of your recovery codes was used to sign in to your Auth Portal account. It cannot be used again.';
    case 'passkey_added':
      return `A passkey named “${notice.passkey}” was added to your Auth Portal account. It can now sign in to your account.`;
    case 'second_factors_reset_by_admin':
      return 'A platform administrator removed the authenticator app and recovery codes of your Auth Portal account. Until you set up two-factor authentication again, your password alone signs you in.';
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function securityNoticeMail(to: string, notice: SecurityNotice, at = new Date()): Mail {
  const from = 'from' in notice && notice.from ? notice.from : null;
  const lines = [
    what(notice),
    `When: ${at.toUTCString()}${from?.ip ? `, from the address ${from.ip}` : ''}${from?.userAgent ? ` (${from.userAgent.slice(0, 200)})` : ''}.`,
    notice.kind === 'second_factors_reset_by_admin'
      ? 'If you did not ask for this, contact your administrator, and turn two-factor authentication on again from the Security page of your account.'
      : 'If this was you, there is nothing to do. If it was not, change your password now, review the Security page of your account and contact your administrator: someone else may have access to your account.',
  ];
  return {
    to,
    subject: SUBJECTS[notice.kind],
    text: lines.join('\n\n') + '\n',
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">\n${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}\n</body></html>`,
  };
}
