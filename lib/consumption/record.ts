import { sql } from 'drizzle-orm';
import { db } from '@/db';
import { noteQuotaCrossings, type QuotaCrossing } from './alerts';
import { timestampProblem, usageEventSchema, type UsageEvent } from './events';
import { periodOf, type Period } from './periods';
import { usageTerms, type UsageTerms } from './terms';

export type RejectionCode = 'quota_exceeded' | 'unknown_organization' | 'not_subscribed' | 'invalid';

/** What happened to one event, in the order sent. A duplicate carries the first recording's numbers. */
export type UsageResult = {
  id: string | null;
  status: 'recorded' | 'duplicate' | 'rejected';
  code?: RejectionCode;
  message?: string;
  warning?: 'soft_limit_exceeded';
  total: number | null;
  limit: number | null;
  remaining: number | null;
};

/** An event as usage_record() takes it (db/migrations/0009_usage_record.sql). */
type RecordInput = {
  id: string;
  org: string;
  usr: string | null;
  meter: string;
  value: number;
  at: string;
  key: string;
  ps: string;
  pe: string | null;
  limit: number | null;
  hard: boolean;
  stripe: string | null;
};
type RecordOutput = { id: string; status: UsageResult['status']; code?: RejectionCode; total: number; limit: number | null; remaining: number | null; warning?: 'soft_limit_exceeded'; crossed?: 80 | 100 };

const rejected = (id: string | null, code: RejectionCode, message: string): UsageResult => ({ id, status: 'rejected', code, message, total: null, limit: null, remaining: null });

const MESSAGES = {
  unknown_organization: 'No organization with this id uses this application.',
  not_subscribed: 'The organization has no plan of this application.',
} as const;

/** The counter an event goes to under the organization's terms, and the quota that holds it. */
function toRecordInput(event: UsageEvent, at: Date, terms: Extract<UsageTerms, { status: 'ok' }>): { input: RecordInput; period: Period } {
  const quota = terms.quotas[event.meter];
  const period = periodOf(quota?.period ?? 'month', at, terms.billingPeriod);
  const input = {
    id: event.id,
    org: event.org_id,
    usr: event.user_id ?? null,
    meter: event.meter,
    value: event.value,
    at: at.toISOString(),
    key: period.key,
    ps: period.start.toISOString(),
    pe: period.end?.toISOString() ?? null,
    limit: quota?.limit ?? null,
    hard: quota?.enforcement === 'hard',
    stripe: terms.stripeMeters[event.meter] ?? null,
  };
  return { input, period };
}

/**
 * Records an application's usage events: each is checked, its organization's terms looked up
 * (cached), and the accepted ones counted by usage_record() in one round trip, which makes every
 * decision under the counters' row locks (exactly once; a hard limit never passed).
 */
export async function recordUsage(applicationId: string, rawEvents: unknown[], now = new Date()): Promise<UsageResult[]> {
  const results: (UsageResult | null)[] = rawEvents.map(() => null);
  const firstIndexOf = new Map<string, number>();
  const valid: { index: number; event: UsageEvent; at: Date }[] = [];

  rawEvents.forEach((raw, index) => {
    const parsed = usageEventSchema.safeParse(raw);
    const rawId = typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id : null;
    if (!parsed.success) return void (results[index] = rejected(rawId, 'invalid', parsed.error.issues[0]?.message ?? 'Not a usage event.'));
    const at = parsed.data.timestamp ? new Date(parsed.data.timestamp) : now;
    const problem = timestampProblem(at, now);
    if (problem) return void (results[index] = rejected(rawId, 'invalid', problem));
    if (firstIndexOf.has(parsed.data.id)) return; // answered as its first occurrence, below
    firstIndexOf.set(parsed.data.id, index);
    valid.push({ index, event: parsed.data, at });
  });

  const orgIds = [...new Set(valid.map((v) => v.event.org_id))];
  const termsByOrg = new Map(await Promise.all(orgIds.map(async (orgId) => [orgId, await usageTerms(orgId, applicationId)] as const)));

  const inputs: { index: number; input: RecordInput; period: Period }[] = [];
  for (const { index, event, at } of valid) {
    const terms = termsByOrg.get(event.org_id)!;
    if (terms.status !== 'ok') results[index] = rejected(event.id, terms.status, MESSAGES[terms.status]);
    else inputs.push({ index, ...toRecordInput(event, at, terms) });
  }

  if (inputs.length > 0) {
    const payload = inputs.map(({ input }) => input);
    const [row] = await db()
      .select({ results: sql<RecordOutput[]>`usage_record(${applicationId}, ${JSON.stringify(payload)}::jsonb)` })
      .from(sql`(select 1) as one`);
    const outputs = row?.results ?? [];
    const crossings: QuotaCrossing[] = [];
    inputs.forEach(({ index, input, period }, i) => {
      const { crossed, ...output } = outputs[i]!;
      results[index] = {
        ...output,
        ...(output.code === 'quota_exceeded' ? { message: `This would pass the organization's hard limit of ${input.limit} ${input.meter} for this period.` } : {}),
        total: Number(output.total),
      };
      if (crossed && input.limit !== null) {
        crossings.push({ orgId: input.org, meter: input.meter, periodKey: input.key, periodEnd: period.end, threshold: crossed, limit: input.limit, total: Number(output.total) });
      }
    });
    if (crossings.length) noteQuotaCrossings(applicationId, crossings);
  }

  // A repeated id within the request answers as its first occurrence did.
  return rawEvents.map((raw, index) => {
    const own = results[index];
    if (own) return own;
    const first = results[firstIndexOf.get((raw as { id: string }).id)!]!;
    return first.status === 'rejected' ? first : { ...first, status: 'duplicate' };
  });
}
