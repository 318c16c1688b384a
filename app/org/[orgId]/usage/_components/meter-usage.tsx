import { Badge } from '@/components/ui/badge';
import type { MeterUsage } from '@/lib/consumption/overview';
import { bucketLabel, formatAmount, formatPercent, periodWords, resetWords } from '../format';
import { UsageChart, type UsagePoint } from './usage-chart';

/** The chart's points: the running total per bucket, and what each bucket added. */
function chartPoints(meter: MeterUsage): UsagePoint[] {
  let total = 0;
  return meter.series.map((point) => {
    if (point.value !== null) total += point.value;
    return { label: bucketLabel(point.start, meter.granularity), used: point.value, total: point.value === null ? null : total };
  });
}

function Stat({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{term}</dt>
      <dd className="font-medium tabular-nums">{children}</dd>
    </div>
  );
}

function limitBadge(meter: MeterUsage) {
  if (meter.limit === null) return <Badge variant="outline">No limit</Badge>;
  if (meter.enforcement === 'hard' && meter.percent !== null && meter.percent >= 100) return <Badge variant="destructive">Limit reached</Badge>;
  return <Badge variant="secondary">{meter.enforcement === 'hard' ? 'Hard limit' : 'Soft limit'}</Badge>;
}

/** One meter: its numbers, the chart of its period, and the same numbers as a table. */
export function MeterUsageBlock({ meter, headingId }: { meter: MeterUsage; headingId: string }) {
  const points = chartPoints(meter);
  const when = periodWords(meter);
  const bucketWord = meter.granularity === 'hour' ? 'hour' : 'day';
  const window = meter.period === 'lifetime' ? 'the last 30 days' : when;
  const chartLabel =
    `${meter.meter}: ${formatAmount(meter.total)} used ${when}` +
    (meter.limit !== null ? ` of a limit of ${formatAmount(meter.limit)}` : '') +
    `. Bars show the running total per ${bucketWord} over ${window}; the table below has the numbers.`;
  const tableRows = points.filter((p) => p.used !== null);
  return (
    <section aria-labelledby={headingId} className="grid gap-4 border-t pt-4 first:border-t-0 first:pt-0" data-testid="meter-usage">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 id={headingId} className="font-mono text-sm font-semibold break-all">
          {meter.meter}
        </h4>
        {limitBadge(meter)}
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
        <Stat term={`Used ${when}`}>
          {formatAmount(meter.total)}
          {meter.percent !== null ? <span className="text-muted-foreground"> ({formatPercent(meter.percent)})</span> : null}
        </Stat>
        <Stat term="Limit">{meter.limit === null ? 'None' : formatAmount(meter.limit)}</Stat>
        <Stat term="Left">{meter.remaining === null ? '—' : formatAmount(meter.remaining)}</Stat>
        <Stat term="Resets">{resetWords(meter)}</Stat>
      </dl>
      <UsageChart points={points} limit={meter.limit} label={chartLabel} bucketWord={bucketWord} />
      <details className="rounded-lg border bg-muted/30 text-sm">
        <summary className="cursor-pointer px-3 py-2 font-medium">{meter.granularity === 'hour' ? 'Hour by hour' : 'Day by day'}</summary>
        <div className="max-h-80 overflow-y-auto border-t">
          <table className="w-full text-left">
            <caption className="sr-only">
              {meter.meter} per {bucketWord} {window}
            </caption>
            <thead className="sticky top-0 bg-card">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {meter.granularity === 'hour' ? 'Hour (UTC)' : 'Day'}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Used
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Total so far
                </th>
              </tr>
            </thead>
            <tbody>
              {tableRows.map((row) => (
                <tr key={row.label} className="border-t">
                  <th scope="row" className="px-3 py-1.5 font-normal">
                    {row.label}
                  </th>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatAmount(row.used ?? 0)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatAmount(row.total ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
