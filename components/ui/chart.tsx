'use client';

import type * as React from 'react';
import { ResponsiveContainer, Tooltip, type TooltipContentProps } from 'recharts';
import { cn } from '@/lib/cn';

/** Each series' label and color; the color is available to the chart as `var(--color-<key>)`. */
export type ChartConfig = Record<string, { label: string; color: string }>;

/**
 * shadcn/ui's chart frame for Recharts: theme colors for axes, grid and cursor, and the series
 * colors as CSS variables. They are set in a style attribute rather than shadcn's <style> element,
 * which keeps the markup free of inline elements a strict CSP would have to allow.
 */
export function ChartContainer({
  config,
  className,
  style,
  children,
  ...props
}: React.ComponentProps<'div'> & { config: ChartConfig; children: React.ComponentProps<typeof ResponsiveContainer>['children'] }) {
  const colors = Object.fromEntries(Object.entries(config).map(([key, item]) => [`--color-${key}`, item.color]));
  return (
    <div
      data-slot="chart"
      className={cn(
        'flex aspect-video justify-center text-xs',
        '[&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground [&_.recharts-cartesian-grid_line[stroke="#ccc"]]:stroke-border/50',
        '[&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted [&_.recharts-reference-line_[stroke="#ccc"]]:stroke-border',
        '[&_.recharts-layer]:outline-hidden [&_.recharts-surface]:outline-hidden',
        className,
      )}
      style={{ ...colors, ...style } as React.CSSProperties}
      {...props}
    >
      <ResponsiveContainer>{children}</ResponsiveContainer>
    </div>
  );
}

export const ChartTooltip = Tooltip;

type ChartTooltipContentProps = Partial<Pick<TooltipContentProps, 'active' | 'payload' | 'label'>> & {
  config: ChartConfig;
  /** The heading of the tooltip, from the hovered point's label and its data row. */
  labelFormatter?: (label: React.ReactNode, row: unknown) => React.ReactNode;
  valueFormatter?: (value: number) => string;
};

/** shadcn/ui's tooltip box: the point's label, then each series with its color, name and value. */
export function ChartTooltipContent({ active, payload, label, config, labelFormatter, valueFormatter = String }: ChartTooltipContentProps) {
  if (!active || !payload?.length) return null;
  return (
    <div className="grid min-w-32 gap-1.5 rounded-lg border bg-card px-2.5 py-1.5 text-xs shadow-xl">
      <div className="font-medium">{labelFormatter ? labelFormatter(label, payload[0]?.payload) : label}</div>
      {payload.map((item) => {
        const key = String(item.dataKey ?? item.name);
        const value = typeof item.value === 'number' ? valueFormatter(item.value) : String(item.value ?? '');
        return (
          <div key={key} className="flex items-center gap-2">
            <span className="size-2.5 shrink-0 rounded-[2px]" style={{ background: config[key]?.color ?? item.color }} aria-hidden />
            <span className="text-muted-foreground">{config[key]?.label ?? key}</span>
            <span className="ml-auto font-mono font-medium tabular-nums">{value}</span>
          </div>
        );
      })}
    </div>
  );
}
