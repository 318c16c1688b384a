import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli-support';
import { quotasOption } from './billing';

/** The one line the CLI prints for `--quota` values that are refused. */
function refusal(...texts: string[]): string {
  try {
    quotasOption(texts);
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  throw new Error(`${texts.join(' ')} was accepted`);
}

describe('--quota METER:LIMIT:PERIOD:hard|soft', () => {
  it('reads repeated values into a plan’s quotas', () => {
    expect(quotasOption(['api_calls:10000:month:hard', 'storage.gb:2.5:lifetime:soft', 'seats:0:billing_period:hard'])).toEqual({
      api_calls: { limit: 10000, period: 'month', enforcement: 'hard' },
      'storage.gb': { limit: 2.5, period: 'lifetime', enforcement: 'soft' },
      seats: { limit: 0, period: 'billing_period', enforcement: 'hard' },
    });
  });

  it('gives no quotas for no values', () => {
    expect(quotasOption([])).toEqual({});
  });

  it('shows the format when a part is missing or extra', () => {
    const format = 'write METER:LIMIT:PERIOD:hard|soft, e.g. api_calls:10000:month:hard';
    expect(refusal('api_calls:10000:month')).toBe(`--quota api_calls:10000:month: ${format}`);
    expect(refusal('api_calls:10000:month:hard:x')).toBe(`--quota api_calls:10000:month:hard:x: ${format}`);
  });

  it('names a limit that is not a plain number, empty included (never read as 0)', () => {
    for (const limit of ['abc', '', '1e3', '0x10', ' 5']) {
      expect(refusal(`api_calls:${limit}:month:hard`)).toBe(`--quota api_calls:${limit}:month:hard: A quota limit is a number.`);
    }
    expect(refusal('api_calls:-1:month:hard')).toBe('--quota api_calls:-1:month:hard: A quota limit is 0 or more.');
  });

  it('names a bad period, enforcement or meter key in the words the API uses', () => {
    expect(refusal('api_calls:10:week:hard')).toBe('--quota api_calls:10:week:hard: A quota period is day, month, billing_period or lifetime.');
    expect(refusal('api_calls:10:day:strict')).toBe('--quota api_calls:10:day:strict: A quota is hard (refused past the limit) or soft (recorded and flagged).');
    expect(refusal('API:10:day:hard')).toBe('--quota API:10:day:hard: Meter keys are lower case letters, digits, "_", "." or "-", starting with a letter.');
  });

  it('refuses a second quota for the same meter', () => {
    expect(refusal('api_calls:10:day:hard', 'api_calls:20:month:soft')).toBe('--quota api_calls:20:month:soft: api_calls has a quota already; give one --quota per meter');
  });

  it('refuses more than 50 quotas', () => {
    const many = Array.from({ length: 51 }, (_, i) => `m${i}:1:day:hard`);
    expect(refusal(...many)).toBe('--quota: A plan has at most 50 quotas.');
  });
});
