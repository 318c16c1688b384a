import type { getTranslations } from 'next-intl/server';
import type { MeterUsage } from '@/lib/consumption/overview';
import { formatDate } from '../data';

export type UsageT = Awaited<ReturnType<typeof getTranslations<'usage'>>>;

export const formatAmount = (value: number, locale: string) => value.toLocaleString(locale, { maximumFractionDigits: 2 });

/** Whole percent, rounded down: 99.9% has not used it all. */
export const formatPercent = (percent: number, locale: string) =>
  (Math.floor(percent) / 100).toLocaleString(locale, { style: 'percent', maximumFractionDigits: 0 });

/** The meter's current period in words: "this month", "today"… */
export function periodWords(t: UsageT, meter: Pick<MeterUsage, 'period'>): string {
  switch (meter.period) {
    case 'day':
    case 'billing_period':
    case 'lifetime':
      return t(`period.${meter.period}`);
    default:
      return t('period.month');
  }
}

/** When the counter starts again from zero. */
export function resetWords(t: UsageT, meter: Pick<MeterUsage, 'periodEnd' | 'period'>, locale: string): string {
  if (!meter.periodEnd) return t('resetsNever');
  return meter.period === 'day' ? t('resetsDay', { date: formatDate(meter.periodEnd, locale) }) : formatDate(meter.periodEnd, locale);
}

/** A bucket's start as the chart's axis and the table show it (UTC, like the periods). */
export function bucketLabel(start: string, granularity: MeterUsage['granularity'], locale: string): string {
  const date = new Date(start);
  const tag = locale === 'en' ? 'en-GB' : locale;
  return granularity === 'hour'
    ? date.toLocaleTimeString(tag, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })
    : date.toLocaleDateString(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** The 80% or 100% warning of a hard quota, in plain words; null below 80% or for a soft quota. */
export function quotaWarning(
  t: UsageT,
  locale: string,
  orgName: string,
  applicationName: string,
  meter: MeterUsage,
): { level: 80 | 100; text: string } | null {
  if (meter.enforcement !== 'hard' || meter.percent === null || meter.limit === null || meter.percent < 80) return null;
  const values = { org: orgName, app: applicationName, limit: `${formatAmount(meter.limit, locale)} ${meter.meter}`, when: periodWords(t, meter) };
  const date = meter.periodEnd ? formatDate(meter.periodEnd, locale) : null;
  if (meter.percent >= 100) {
    return { level: 100, text: date ? t('warningFullResets', { ...values, date }) : t('warningFull', values) };
  }
  const percent = formatPercent(meter.percent, locale);
  return { level: 80, text: date ? t('warningNearResets', { ...values, percent, date }) : t('warningNear', { ...values, percent }) };
}
