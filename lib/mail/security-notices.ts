import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { mailDate, paragraphsMail } from './layout';
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

export function securityNoticeMail(locale: Locale, to: string, notice: SecurityNotice, at = new Date()): Mail {
  const t = translator(locale, 'mail');
  const from = 'from' in notice && notice.from ? notice.from : null;
  const when = { at: mailDate(locale, at), ip: from?.ip ?? '', userAgent: from?.userAgent?.slice(0, 200) ?? '' };
  const whenKey = when.ip ? (when.userAgent ? 'whenFromAgent' : 'whenFrom') : when.userAgent ? 'whenAgent' : 'when';
  const what = notice.kind === 'passkey_added' ? t('security.what.passkey_added', { passkey: notice.passkey }) : t(`security.what.${notice.kind}`);
  const lines = [
    what,
    t(`security.${whenKey}`, when),
    t(notice.kind === 'second_factors_reset_by_admin' ? 'security.adviceAdmin' : 'security.advice'),
  ];
  return paragraphsMail(to, t(`security.subject.${notice.kind}`), lines);
}
