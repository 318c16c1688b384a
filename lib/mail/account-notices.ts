import type { Mail } from './transport';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A mail of plain paragraphs, with an optional link after them. */
export function notice(to: string, subject: string, lines: string[], link?: { label: string; url: string }): Mail {
  const all = link ? [...lines, `${link.label}: ${link.url}`] : lines;
  const text = all.join('\n\n') + '\n';
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">
${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
${link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : ''}
</body></html>`;
  return { to, subject, text, html };
}

/** To the owner of an address someone tried to sign up with again; the sign-up page said nothing. */
export function accountExistsNotice(to: string, resetUrl: string): Mail {
  return notice(
    to,
    'You already have an account',
    [
      'Someone, perhaps you, tried to create an Auth Portal account with this address. It already has an account, so nothing was created or changed.',
      'If it was you, sign in with your password. If you have forgotten it, choose a new one with the link below.',
      'If it was not you, ignore this mail.',
    ],
    { label: 'Reset your password', url: resetUrl },
  );
}

/** ASVS 6.3.7: the owner hears of every password change, whichever way it was made. */
export function passwordChangedNotice(to: string, how: 'changed' | 'reset' | 'set', resetUrl: string): Mail {
  const what = {
    changed: 'The password of your Auth Portal account was changed.',
    reset: 'The password of your Auth Portal account was reset through an emailed link.',
    set: 'A password was added to your Auth Portal account.',
  }[how];
  return notice(
    to,
    how === 'set' ? 'A password was added to your account' : 'Your password was changed',
    [
      what,
      'Every other session of your account was signed out.',
      'If you did not do this, reset your password now with the link below and contact your administrator: someone else may have access to your account.',
    ],
    { label: 'Reset your password', url: resetUrl },
  );
}
