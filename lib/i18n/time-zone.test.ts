import { describe, expect, it } from 'vitest';
import { instantToWallClock, wallClockToInstant } from './time-zone';

describe('wall-clock times in a time zone', () => {
  it('reads a datetime-local value in the given zone, summer and winter', () => {
    expect(wallClockToInstant('2026-12-02T17:30', 'UTC')?.toISOString()).toBe('2026-12-02T17:30:00.000Z');
    expect(wallClockToInstant('2026-12-02T17:30', 'Europe/Paris')?.toISOString()).toBe('2026-12-02T16:30:00.000Z');
    expect(wallClockToInstant('2026-07-01T08:00:15', 'Europe/Paris')?.toISOString()).toBe('2026-07-01T06:00:15.000Z');
    expect(wallClockToInstant('2026-03-01T00:00', 'America/New_York')?.toISOString()).toBe('2026-03-01T05:00:00.000Z');
  });

  it('refuses what is not a wall-clock time', () => {
    for (const bad of ['', 'yesterday', '2026-02-30T10:00', '2026-12-02', '2026-12-02T25:00', '2026-12-02T17:30Z']) {
      expect(wallClockToInstant(bad, 'UTC'), bad).toBeNull();
    }
  });

  it('writes an instant back as the same wall-clock time', () => {
    const at = new Date('2026-07-01T06:00:00Z');
    expect(instantToWallClock(at, 'Europe/Paris')).toBe('2026-07-01T08:00');
    expect(wallClockToInstant(instantToWallClock(at, 'Asia/Kolkata'), 'Asia/Kolkata')?.toISOString()).toBe(at.toISOString());
  });
});
