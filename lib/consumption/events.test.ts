import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_REQUEST, timestampProblem, usageBatchSchema, usageCheckSchema, usageEventSchema } from './events';

const event = { id: 'evt-1', org_id: 'org-1', meter: 'api_calls', value: 1 };
const accepts = (value: unknown) => usageEventSchema.safeParse(value).success;
const firstMessage = (value: unknown) => usageEventSchema.safeParse(value).error?.issues[0]?.message;

describe('usageEventSchema', () => {
  it('accepts an event with only its required fields, and with user_id and a timestamp with any offset', () => {
    expect(usageEventSchema.parse(event)).toEqual(event);
    expect(accepts({ ...event, user_id: 'user-1', timestamp: '2026-12-02T10:00:00Z' })).toBe(true);
    expect(accepts({ ...event, timestamp: '2026-12-02T10:00:00.123+01:00' })).toBe(true);
  });

  it('takes negative and fractional values (credits, gigabytes) and refuses values that are not finite numbers', () => {
    expect(accepts({ ...event, value: -3.5 })).toBe(true);
    expect(accepts({ ...event, value: 0 })).toBe(true);
    for (const value of [Infinity, -Infinity, NaN, '1', null, 1e16, -1e16]) expect(accepts({ ...event, value })).toBe(false);
  });

  it('refuses a meter key that is not lower case letters, digits, "_", "." or "-" starting with a letter', () => {
    for (const meter of ['storage.gb', 'ai-credits', 'a', `a${'b'.repeat(63)}`]) expect(accepts({ ...event, meter })).toBe(true);
    for (const meter of ['API_calls', '1calls', '_calls', 'api calls', '', `a${'b'.repeat(64)}`]) expect(accepts({ ...event, meter })).toBe(false);
  });

  it('refuses a missing, empty or overlong id or org_id with a message naming the field', () => {
    expect(firstMessage({ ...event, id: '' })).toBe('id is empty.');
    expect(firstMessage({ ...event, org_id: 'x'.repeat(201) })).toBe('org_id is longer than 200 characters.');
    expect(firstMessage({ ...event, id: 5 })).toBe('id is a text.');
    expect(accepts({ id: 'evt-1', meter: 'api_calls', value: 1 })).toBe(false);
  });

  it('refuses a timestamp without an offset or that is not a date', () => {
    for (const timestamp of ['2026-12-02T10:00:00', '2026-12-02', 'yesterday', 1764669600000]) {
      expect(accepts({ ...event, timestamp })).toBe(false);
    }
  });
});

describe('usageBatchSchema', () => {
  it('takes one event, or 1 to 1,000 events as { events }', () => {
    expect(usageBatchSchema.safeParse(event).success).toBe(true);
    expect(usageBatchSchema.safeParse({ events: [event] }).success).toBe(true);
    expect(usageBatchSchema.safeParse({ events: Array(MAX_EVENTS_PER_REQUEST).fill(event) }).success).toBe(true);
  });

  it('refuses bodies of another shape, an empty list and more than 1,000 events (events themselves are checked one by one later)', () => {
    for (const body of [null, [], [event], 'event', {}, { org_id: 'org-1' }, { events: 'all' }, { events: [] }, { events: Array(MAX_EVENTS_PER_REQUEST + 1).fill(event) }]) {
      expect(usageBatchSchema.safeParse(body).success).toBe(false);
    }
    expect(usageBatchSchema.safeParse({ events: [{ not: 'an event' }] }).success).toBe(true);
  });
});

describe('usageCheckSchema', () => {
  it('asks about 1 unless a value is given', () => {
    expect(usageCheckSchema.parse({ org_id: 'org-1', meter: 'api_calls' })).toEqual({ org_id: 'org-1', meter: 'api_calls', value: 1 });
    expect(usageCheckSchema.safeParse({ org_id: 'org-1', meter: 'api_calls', value: 'ten' }).success).toBe(false);
  });
});

describe('timestampProblem', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const offset = (ms: number) => new Date(now.getTime() + ms);
  const HOUR = 3_600_000;

  it('accepts moments from 24 hours before now to 5 minutes after, both bounds included', () => {
    for (const ms of [-24 * HOUR, -HOUR, 0, 5 * 60_000]) expect(timestampProblem(offset(ms), now)).toBeNull();
  });

  it('names the problem of a moment further in the past or the future', () => {
    expect(timestampProblem(offset(-24 * HOUR - 1), now)).toBe('timestamp is more than 24 hours in the past.');
    expect(timestampProblem(offset(5 * 60_000 + 1), now)).toBe('timestamp is more than 5 minutes in the future.');
  });
});
