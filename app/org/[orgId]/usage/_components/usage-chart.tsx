'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useSyncExternalStore } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, XAxis, YAxis } from 'recharts';
import { ChartContainer, ChartTooltip, ChartTooltipContent, type ChartConfig } from '@/components/ui/chart';

export type UsagePoint = {
  /** "3 Jul" or "14:00", formatted on the server so both renders agree. */
  label: string;
  /** Used from the period's start up to the end of this bucket; null for buckets still to come. */
  total: number | null;
  /** Used in this bucket alone. */
  used: number | null;
};


const noSubscription = () => () => {};

/** Round axis steps (1, 2, 2.5 or 5 times a power of ten; no 2.5 below 25), at most five of them up to `highest`. */
function axisTicks(highest: number): number[] {
  const rough = Math.max(highest, 5) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const multiples = power >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  const step = multiples.map((m) => m * power).find((candidate) => candidate >= rough)!;
  return Array.from({ length: Math.max(Math.ceil(highest / step), 1) + 1 }, (_, i) => i * step);
}

/**
 * The period's running total as a bar per day (or hour) against the limit. Drawn in the browser
 * only: the chart measures its box, which the server cannot. Without JavaScript the box says
 * where the numbers are, and the table below the chart holds them all.
 */
export function UsageChart({ points, limit, label, bucketWord }: { points: UsagePoint[]; limit: number | null; label: string; bucketWord: string }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const t = useTranslations('usage.chart');
  const locale = useLocale();
  const config = { total: { label: t('usedSoFar'), color: 'var(--primary)' } } satisfies ChartConfig;
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const exact = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  // Room above the limit for its label.
  const ticks = axisTicks(Math.max((limit ?? 0) * 1.05, ...points.map((p) => p.total ?? 0)));
  return (
    <figure role="img" aria-label={label} className="h-56 w-full min-w-0 sm:h-64">
      {inBrowser ? (
        <ChartContainer config={config} className="aspect-auto size-full">
          <BarChart data={points} margin={{ top: 16, right: 8, left: 0, bottom: 0 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} />
            <XAxis dataKey="label" tickLine={false} axisLine={false} tickMargin={8} minTickGap={16} />
            <YAxis
              width={44}
              tickLine={false}
              axisLine={false}
              tickFormatter={(value: number) => compact.format(value)}
              ticks={ticks}
              domain={[0, ticks[ticks.length - 1]!]}
            />
            <ChartTooltip
              cursor={false}
              content={({ active, payload, label: at }) => (
                <ChartTooltipContent
                  active={active}
                  payload={payload}
                  label={at}
                  config={config}
                  valueFormatter={(value) => exact.format(value)}
                  labelFormatter={(heading, row) => {
                    const used = (row as UsagePoint | undefined)?.used;
                    return used == null ? heading : t('thatBucket', { label: String(heading), used: exact.format(used), bucket: bucketWord });
                  }}
                />
              )}
            />
            {limit !== null ? (
              <ReferenceLine
                y={limit}
                stroke="var(--destructive)"
                strokeDasharray="4 4"
                label={{ value: t('limit', { limit: compact.format(limit) }), position: 'insideTopRight', fill: 'var(--destructive)', fontSize: 12 }}
              />
            ) : null}
            <Bar dataKey="total" fill="var(--color-total)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ChartContainer>
      ) : (
        <p className="grid size-full place-items-center rounded-lg border border-dashed px-4 text-center text-sm text-muted-foreground">
          {t('needsJs')}
        </p>
      )}
    </figure>
  );
}
