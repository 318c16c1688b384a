import type { QuotaPeriod } from '@/db/schema';

/** The span a counter covers. `key` names it among the counters of one meter; `end` is null for a lifetime. */
export type Period = { key: string; start: Date; end: Date | null };
export type BillingPeriod = { start: Date; end: Date };

const utc = (year: number, month: number, day = 1) => new Date(Date.UTC(year, month, day));
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function calendarMonth(at: Date): Period {
  const start = utc(at.getUTCFullYear(), at.getUTCMonth());
  return { key: `month:${isoDay(start).slice(0, 7)}`, start, end: utc(at.getUTCFullYear(), at.getUTCMonth() + 1) };
}

/**
 * `date` moved by `months` calendar months, on `anchorDay` of the month or the month's last day when
 * it is shorter (as Stripe renews a period anchored on the 31st: Jan 31, Feb 28, Mar 31), at the same
 * time of day.
 */
function shiftMonths(date: Date, months: number, anchorDay: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = new Date(date);
  shifted.setUTCFullYear(year, month, Math.min(anchorDay, lastDay));
  return shifted;
}

/**
 * The subscription's period that holds `at`: the current one, or (for an event dated before it, or
 * after it while the renewal is still on its way from Stripe) the one before or after, shifted by
 * the period's length in months (1 or 12). The anchor day is the later day of the current bounds: a
 * period of Feb 28 – Mar 31 is anchored on the 31st, one of Jan 31 – Feb 28 too.
 */
function billingPeriodAt(at: Date, current: BillingPeriod): Period {
  const days = (current.end.getTime() - current.start.getTime()) / 86_400_000;
  const months = days > 300 ? 12 : 1;
  const anchorDay = Math.max(current.start.getUTCDate(), current.end.getUTCDate());
  let { start, end } = current;
  for (let i = 0; i < 24 && at < start; i++) [start, end] = [shiftMonths(start, -months, anchorDay), start];
  for (let i = 0; i < 24 && at >= end; i++) [start, end] = [end, shiftMonths(end, months, anchorDay)];
  return { key: `billing:${start.toISOString()}`, start, end };
}

/**
 * The period of `kind` that holds `at` (UTC days and calendar months). `billing_period` follows the
 * subscription's period; without one (no subscription, or a plan assigned by hand) it is the
 * calendar month.
 */
export function periodOf(kind: QuotaPeriod, at: Date, billing: BillingPeriod | null): Period {
  switch (kind) {
    case 'day': {
      const start = utc(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
      return { key: `day:${isoDay(start)}`, start, end: utc(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1) };
    }
    case 'month':
      return calendarMonth(at);
    case 'billing_period':
      return billing ? billingPeriodAt(at, billing) : calendarMonth(at);
    case 'lifetime':
      return { key: 'lifetime', start: new Date(0), end: null };
  }
}
