import { describe, expect, it } from 'vitest';
import { highestCrossings, type QuotaCrossing } from './alerts';

const crossing = (over: Partial<QuotaCrossing>): QuotaCrossing => ({ orgId: 'org-1', meter: 'api_calls', periodKey: '2026-12', periodEnd: null, threshold: 80, limit: 10, total: 8, ...over });

describe('highestCrossings', () => {
  it('keeps the highest threshold each counter reached in a batch', () => {
    const at80 = crossing({ threshold: 80, total: 8 });
    const at100 = crossing({ threshold: 100, total: 10 });
    expect(highestCrossings([at80, at100, crossing({ threshold: 80, total: 9 })])).toEqual([at100]);
  });

  it('keeps counters of other organizations, meters and periods apart', () => {
    const all = [crossing({}), crossing({ orgId: 'org-2' }), crossing({ meter: 'seats' }), crossing({ periodKey: '2027-01' })];
    expect(highestCrossings(all)).toEqual(all);
  });
});
