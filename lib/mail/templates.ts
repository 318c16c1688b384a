import type { Mail } from './transport';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function linkMail(to: string, subject: string, intro: string, action: string, url: string, outro: string): Mail {
  const text = `${intro}\n\n${action}: ${url}\n\n${outro}\n`;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">
<p>${escapeHtml(intro)}</p>
<p><a href="${escapeHtml(url)}">${escapeHtml(action)}</a></p>
<p style="color:#555">${escapeHtml(outro)}</p>
<p style="color:#555;font-size:12px">If the button does not work, paste this address into your browser:<br>${escapeHtml(url)}</p>
</body></html>`;
  return { to, subject, text, html };
}

export function verificationMail(to: string, url: string): Mail {
  return linkMail(
    to,
    'Verify your email address',
    'Welcome to Auth Portal. Confirm that this is your email address to finish creating your account.',
    'Verify email',
    url,
    'The link works once and expires in 24 hours. If you did not create an account, ignore this mail.',
  );
}

export function passwordResetMail(to: string, url: string): Mail {
  return linkMail(
    to,
    'Reset your password',
    'Someone asked to reset the password of your Auth Portal account.',
    'Choose a new password',
    url,
    'The link works once and expires in 1 hour. If you did not ask for it, ignore this mail: your password stays as it is.',
  );
}

// --- Invitations (lib/orgs/invitations.ts) ---

export function invitationMail(
  to: string,
  invite: { organizationName: string; invitedBy: string | null; role: string },
  url: string,
): Mail {
  const who = invite.invitedBy ? `${invite.invitedBy} invited you` : 'You have been invited';
  return linkMail(
    to,
    `Join ${invite.organizationName} on Auth Portal`,
    `${who} to join ${invite.organizationName} on Auth Portal as ${invite.role}.`,
    'Open the invitation',
    url,
    'The link works once and expires in 7 days. If you did not expect it, ignore this mail.',
  );
}
// --- end invitations ---
