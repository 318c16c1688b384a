import { getLocale, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import type { MeterUsage } from '@/lib/consumption/overview';
import { bucketLabel, formatAmount, formatPercent, periodWords, resetWords, type UsageT } from '../format';
import { UsageChart, type UsagePoint } from './usage-chart';

/** The chart's points: the running total per bucket, and what each bucket added. */
function chartPoints(meter: MeterUsage, locale: string): UsagePoint[] {
  let total = 0;
  return meter.series.map((point) => {
    if (point.value !== null) total += point.value;
    return { label: bucketLabel(point.start, meter.granularity, locale), used: point.value, total: point.value === null ? null : total };
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

function limitBadge(t: UsageT, meter: MeterUsage) {
  if (meter.limit === null) return <Badge variant="outline">{t('noLimit')}</Badge>;
  if (meter.enforcement === 'hard' && meter.percent !== null && meter.percent >= 100) return <Badge variant="destructive">{t('limitReached')}</Badge>;
  return <Badge variant="secondary">{meter.enforcement === 'hard' ? t('hardLimit') : t('softLimit')}</Badge>;
}

/** One meter: its numbers, the chart of its period, and the same numbers as a table. */
export async function MeterUsageBlock({ meter, headingId }: { meter: MeterUsage; headingId: string }) {
  const t = await getTranslations('usage');
  const locale = await getLocale();
  const amount = (value: number) => formatAmount(value, locale);
  const points = chartPoints(meter, locale);
  const when = periodWords(t, meter);
  const bucketWord = t(meter.granularity === 'hour' ? 'bucket.hour' : 'bucket.day');
  const window = meter.period === 'lifetime' ? t('lastDays') : when;
  const described = { meter: meter.meter, total: amount(meter.total), when, bucket: bucketWord, window };
  const chartLabel = meter.limit !== null ? t('chartLabelLimit', { ...described, limit: amount(meter.limit) }) : t('chartLabel', described);
  const tableRows = points.filter((p) => p.used !== null);
  return (
    <section aria-labelledby={headingId} className="grid gap-4 border-t pt-4 first:border-t-0 first:pt-0" data-testid="meter-usage">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 id={headingId} className="font-mono text-sm font-semibold break-all">
          {meter.meter}
        </h4>
        {limitBadge(t, meter)}
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
        <Stat term={t('used', { when })}>
          {amount(meter.total)}
          {meter.percent !== null ? <span className="text-muted-foreground"> ({formatPercent(meter.percent, locale)})</span> : null}
        </Stat>
        <Stat term={t('limit')}>{meter.limit === null ? t('none') : amount(meter.limit)}</Stat>
        <Stat term={t('left')}>{meter.remaining === null ? '—' : amount(meter.remaining)}</Stat>
        <Stat term={t('resets')}>{resetWords(t, meter, locale)}</Stat>
      </dl>
      <UsageChart points={points} limit={meter.limit} label={chartLabel} bucketWord={bucketWord} />
      <details className="rounded-lg border bg-muted/30 text-sm">
        <summary className="cursor-pointer rounded-lg px-3 py-2 font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
          {meter.granularity === 'hour' ? t('hourByHour') : t('dayByDay')}
        </summary>
        <div className="max-h-80 overflow-y-auto border-t">
          <table className="w-full text-left">
            <caption className="sr-only">
              {t('tableCaption', { meter: meter.meter, bucket: bucketWord, window })}
            </caption>
            <thead className="sticky top-0 bg-card">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {meter.granularity === 'hour' ? t('hourUtc') : t('day')}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t('usedColumn')}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t('totalSoFar')}
                </th>
              </tr>
            </thead>
            <tbody>
              {tableRows.map((row) => (
                <tr key={row.label} className="border-t">
                  <th scope="row" className="px-3 py-1.5 font-normal">
                    {row.label}
                  </th>
                  <td className="px-3 py-1.5 text-right tabular-nums">{amount(row.used ?? 0)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{amount(row.total ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
