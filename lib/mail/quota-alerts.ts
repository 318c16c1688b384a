import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { mailDate, mailNumber, paragraphsMail } from './layout';
import type { Mail } from './transport';

export type QuotaAlert = {
  organizationName: string;
  applicationName: string;
  meter: string;
  threshold: 80 | 100;
  limit: number;
  used: number;
  /** When the period resets; null for a lifetime quota. */
  periodEnd: Date | null;
  usageUrl: string;
};

/** To an owner of the organization, once per threshold and period (lib/consumption/alerts.ts). */
export function quotaAlertMail(locale: Locale, to: string, alert: QuotaAlert): Mail {
  const t = translator(locale, 'mail');
  const names = { organization: alert.organizationName, application: alert.applicationName, meter: alert.meter };
  const amounts = { ...names, used: mailNumber(locale, alert.used), limit: mailNumber(locale, alert.limit) };
  const reached = alert.threshold === 100;
  const subject = reached ? t('quota.subjectReached', names) : t('quota.subjectWarning', names);
  const status = !reached ? t('quota.warning', amounts) : alert.used >= alert.limit ? t('quota.reached', amounts) : t('quota.refused', amounts);
  const resets = alert.periodEnd ? t('quota.resets', { at: mailDate(locale, alert.periodEnd) }) : t('quota.lifetime');
  return paragraphsMail(to, subject, [status, resets, t('quota.advice')], { label: t('quota.action'), url: alert.usageUrl });
}
