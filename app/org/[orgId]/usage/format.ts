import type { MeterUsage } from '@/lib/consumption/overview';
import { formatDate } from '../data';

export const formatAmount = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Whole percent, rounded down: 99.9% has not used it all. */
export const formatPercent = (percent: number) => `${Math.floor(percent)}%`;

/** The meter's current period in words: "this month", "today"… */
export function periodWords(meter: Pick<MeterUsage, 'period'>): string {
  switch (meter.period) {
    case 'day':
      return 'today';
    case 'billing_period':
      return 'this billing period';
    case 'lifetime':
      return 'in all';
    default:
      return 'this month';
  }
}

/** When the counter starts again from zero. */
export function resetWords(meter: Pick<MeterUsage, 'periodEnd' | 'period'>): string {
  if (!meter.periodEnd) return 'Never (a lifetime limit)';
  return meter.period === 'day' ? `${formatDate(meter.periodEnd)}, 00:00 UTC` : formatDate(meter.periodEnd);
}

/** A bucket's start as the chart's axis and the table show it (UTC, like the periods). */
export function bucketLabel(start: string, granularity: MeterUsage['granularity']): string {
  const date = new Date(start);
  return granularity === 'hour'
    ? date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** The 80% or 100% warning of a hard quota, in plain words; null below 80% or for a soft quota. */
export function quotaWarning(orgName: string, applicationName: string, meter: MeterUsage): { level: 80 | 100; text: string } | null {
  if (meter.enforcement !== 'hard' || meter.percent === null || meter.limit === null || meter.percent < 80) return null;
  const limit = `${formatAmount(meter.limit)} ${meter.meter}`;
  const when = periodWords(meter);
  const resets = meter.periodEnd ? ` until the limit resets on ${formatDate(meter.periodEnd)}` : '';
  if (meter.percent >= 100) {
    return { level: 100, text: `${orgName} has used all of its ${limit} ${when} in ${applicationName}. ${applicationName} refuses more${resets}.` };
  }
  const resetsNote = meter.periodEnd ? `; it resets on ${formatDate(meter.periodEnd)}` : '';
  return {
    level: 80,
    text: `${orgName} has used ${formatPercent(meter.percent)} of its ${limit} ${when} in ${applicationName}. ${applicationName} refuses more once the limit is reached${resetsNote}.`,
  };
}
