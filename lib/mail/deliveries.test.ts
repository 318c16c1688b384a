import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './deliveries';

describe('mail retry backoff', () => {
  it('waits 5 s after the first failure, doubles after each further one, and never more than 15 minutes', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(9)).toBe(15 * 60_000);
    expect(retryDelayMs(50)).toBe(15 * 60_000);
  });
});
