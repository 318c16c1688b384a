import { describe, expect, it } from 'vitest';
import { meterEventIdentifier } from './stripe-export';

const app = '0193c5d2-7a1e-7b3c-9d4e-5f6a7b8c9d0e';

describe('meterEventIdentifier', () => {
  it('is the application id and the event id', () => {
    expect(meterEventIdentifier(app, 'ev-1')).toBe(`${app}:ev-1`);
  });

  it('hashes an event id too long for Stripe, the same way every time', () => {
    const long = 'x'.repeat(200);
    const identifier = meterEventIdentifier(app, long);
    expect(identifier.length).toBeLessThanOrEqual(100);
    expect(identifier).toMatch(new RegExp(`^${app}:sha256:[\\w-]{43}$`));
    expect(meterEventIdentifier(app, long)).toBe(identifier);
    expect(meterEventIdentifier(app, 'y'.repeat(200))).not.toBe(identifier);
  });
});
