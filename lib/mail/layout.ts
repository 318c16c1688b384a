import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import type { Mail } from './transport';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const page = (body: string) => `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">\n${body}\n</body></html>`;

/** A mail of plain paragraphs, with an optional link after them. */
export function paragraphsMail(to: string, subject: string, lines: string[], link?: { label: string; url: string }): Mail {
  const all = link ? [...lines, `${link.label}: ${link.url}`] : lines;
  const text = all.join('\n\n') + '\n';
  const paragraphs = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
  const html = page(link ? `${paragraphs}\n<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : paragraphs);
  return { to, subject, text, html };
}

/** A mail whose point is one link (verify, reset, confirm, join), with the address spelled out too. */
export function linkMail(
  locale: Locale,
  to: string,
  parts: { subject: string; intro: string; action: string; outro: string },
  url: string,
): Mail {
  const t = translator(locale, 'mail');
  const { subject, intro, action, outro } = parts;
  const text = `${intro}\n\n${action}: ${url}\n\n${outro}\n`;
  const html = page(`<p>${escapeHtml(intro)}</p>
<p><a href="${escapeHtml(url)}">${escapeHtml(action)}</a></p>
<p style="color:#555">${escapeHtml(outro)}</p>
<p style="color:#555;font-size:12px">${escapeHtml(t('layout.pasteLink'))}<br>${escapeHtml(url)}</p>`);
  return { to, subject, text, html };
}

/** A moment in a mail, in UTC (the reader's time zone is unknown when it is sent). */
export function mailDate(locale: Locale, at: Date): string {
  // English keeps the RFC 7231 form the mails have always used.
  if (locale === 'en') return at.toUTCString();
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;
}

export function mailNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-US' : locale, { maximumFractionDigits: 6 }).format(n);
}
