import { describe, expect, it } from 'vitest';
import { periodOf, type BillingPeriod } from './periods';

const at = (iso: string) => new Date(iso);
/** A period as plain ISO strings, for readable expectations. */
const bounds = (kind: Parameters<typeof periodOf>[0], when: string, billing: BillingPeriod | null = null) => {
  const period = periodOf(kind, at(when), billing);
  return { key: period.key, start: period.start.toISOString(), end: period.end?.toISOString() ?? null };
};
const billing = (start: string, end: string): BillingPeriod => ({ start: at(start), end: at(end) });

describe('day', () => {
  it('is the UTC day holding the moment, its last millisecond included and midnight starting the next', () => {
    expect(bounds('day', '2026-03-10T23:59:59.999Z')).toEqual({ key: 'day:2026-03-10', start: '2026-03-10T00:00:00.000Z', end: '2026-03-11T00:00:00.000Z' });
    expect(bounds('day', '2026-03-11T00:00:00.000Z')).toEqual({ key: 'day:2026-03-11', start: '2026-03-11T00:00:00.000Z', end: '2026-03-12T00:00:00.000Z' });
  });

  it('counts in UTC whatever offset the moment was written with', () => {
    expect(bounds('day', '2026-03-11T00:30:00+02:00').key).toBe('day:2026-03-10');
  });

  it('ends a year and a leap month on the right day', () => {
    expect(bounds('day', '2026-12-31T12:00:00Z')).toEqual({ key: 'day:2026-12-31', start: '2026-12-31T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
    expect(bounds('day', '2028-02-28T12:00:00Z').end).toBe('2028-02-29T00:00:00.000Z');
  });
});

describe('month', () => {
  it('is the UTC calendar month', () => {
    expect(bounds('month', '2026-02-14T08:00:00Z')).toEqual({ key: 'month:2026-02', start: '2026-02-01T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z' });
  });

  it('rolls over from December to January of the next year', () => {
    expect(bounds('month', '2026-12-31T23:59:59.999Z')).toEqual({ key: 'month:2026-12', start: '2026-12-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
    expect(bounds('month', '2027-01-01T00:00:00.000Z')).toEqual({ key: 'month:2027-01', start: '2027-01-01T00:00:00.000Z', end: '2027-02-01T00:00:00.000Z' });
  });
});

describe('billing period', () => {
  const current = billing('2026-11-15T10:00:00Z', '2026-12-15T10:00:00Z');

  it('is the subscription\u2019s current period for a moment inside it, start included', () => {
    const expected = { key: 'billing:2026-11-15T10:00:00.000Z', start: '2026-11-15T10:00:00.000Z', end: '2026-12-15T10:00:00.000Z' };
    expect(bounds('billing_period', '2026-11-15T10:00:00Z', current)).toEqual(expected);
    expect(bounds('billing_period', '2026-12-15T09:59:59.999Z', current)).toEqual(expected);
  });

  it('is the month before for a moment before the current period', () => {
    expect(bounds('billing_period', '2026-11-15T09:00:00Z', current)).toEqual({ key: 'billing:2026-10-15T10:00:00.000Z', start: '2026-10-15T10:00:00.000Z', end: '2026-11-15T10:00:00.000Z' });
  });

  it('is the next period for a moment after the current one (a renewal not yet heard of), across the new year', () => {
    expect(bounds('billing_period', '2026-12-15T10:00:00Z', current)).toEqual({ key: 'billing:2026-12-15T10:00:00.000Z', start: '2026-12-15T10:00:00.000Z', end: '2027-01-15T10:00:00.000Z' });
    expect(bounds('billing_period', '2027-01-20T00:00:00Z', current)).toEqual({ key: 'billing:2027-01-15T10:00:00.000Z', start: '2027-01-15T10:00:00.000Z', end: '2027-02-15T10:00:00.000Z' });
  });

  it('steps by a year for a yearly subscription', () => {
    const yearly = billing('2026-03-01T00:00:00Z', '2027-03-01T00:00:00Z');
    expect(bounds('billing_period', '2026-08-01T00:00:00Z', yearly).key).toBe('billing:2026-03-01T00:00:00.000Z');
    expect(bounds('billing_period', '2026-02-28T23:00:00Z', yearly)).toEqual({ key: 'billing:2025-03-01T00:00:00.000Z', start: '2025-03-01T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z' });
    expect(bounds('billing_period', '2027-03-01T00:00:00Z', yearly)).toEqual({ key: 'billing:2027-03-01T00:00:00.000Z', start: '2027-03-01T00:00:00.000Z', end: '2028-03-01T00:00:00.000Z' });
  });

  it('keeps a period anchored at the end of a month on the month\u2019s last day, as Stripe renews it', () => {
    const january = billing('2026-01-31T12:00:00Z', '2026-02-28T12:00:00Z');
    expect(bounds('billing_period', '2026-03-01T00:00:00Z', january)).toEqual({ key: 'billing:2026-02-28T12:00:00.000Z', start: '2026-02-28T12:00:00.000Z', end: '2026-03-31T12:00:00.000Z' });
    const april = billing('2026-03-31T12:00:00Z', '2026-04-30T12:00:00Z');
    expect(bounds('billing_period', '2026-03-20T00:00:00Z', april)).toEqual({ key: 'billing:2026-02-28T12:00:00.000Z', start: '2026-02-28T12:00:00.000Z', end: '2026-03-31T12:00:00.000Z' });
    const leap = billing('2028-02-29T00:00:00Z', '2029-02-28T00:00:00Z');
    expect(bounds('billing_period', '2029-03-01T00:00:00Z', leap).end).toBe('2030-02-28T00:00:00.000Z');
  });

  it('is the calendar month without a subscription period', () => {
    expect(bounds('billing_period', '2026-12-31T23:00:00Z')).toEqual({ key: 'month:2026-12', start: '2026-12-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
  });
});

describe('lifetime', () => {
  it('is one period from the epoch with no end, whenever the moment', () => {
    expect(bounds('lifetime', '2026-06-01T00:00:00Z')).toEqual({ key: 'lifetime', start: '1970-01-01T00:00:00.000Z', end: null });
    expect(bounds('lifetime', '2031-01-01T00:00:00Z', billing('2030-12-01T00:00:00Z', '2031-01-01T00:00:00Z'))).toEqual({ key: 'lifetime', start: '1970-01-01T00:00:00.000Z', end: null });
  });
});
