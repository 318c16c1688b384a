import { getFormatter, getTranslations } from 'next-intl/server';
import type { SignInDay } from '@/lib/platform/overview';

const WIDTH = 300;
const HEIGHT = 100;

/**
 * Sign-ins per day as stacked bars (succeeded, then failed on top), drawn by the server as SVG: no
 * chart library and no script. The picture is one labelled image; the numbers are in the table below it.
 */
export async function SignInChart({ days }: { days: SignInDay[] }) {
  const t = await getTranslations('admin.overview');
  const format = await getFormatter();
  const dayLabel = (d: Date) => format.dateTime(d, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const max = Math.max(1, ...days.map((d) => d.succeeded + d.failed));
  const slot = WIDTH / days.length;
  const bar = slot * 0.7;
  const scale = (n: number) => (n / max) * HEIGHT;
  const succeeded = days.reduce((n, d) => n + d.succeeded, 0);
  const failed = days.reduce((n, d) => n + d.failed, 0);
  return (
    <figure className="grid gap-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-hidden>
        <span className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-[2px] bg-primary" /> {t('succeeded')}
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-[2px] bg-destructive" /> {t('failed')}
        </span>
        <span className="ml-auto tabular-nums">{t('peak', { count: max })}</span>
      </div>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-32 w-full rounded-md border bg-muted/30"
        role="img"
        aria-label={t('chartLabel', { days: days.length, succeeded, failed })}
      >
        {days.map((d, i) => {
          const x = i * slot + (slot - bar) / 2;
          const ok = scale(d.succeeded);
          const bad = scale(d.failed);
          return (
            <g key={d.day.toISOString()}>
              {d.succeeded ? <rect x={x} y={HEIGHT - ok} width={bar} height={ok} className="fill-primary" /> : null}
              {d.failed ? <rect x={x} y={HEIGHT - ok - bad} width={bar} height={bad} className="fill-destructive" /> : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="flex justify-between text-xs text-muted-foreground">
        <span>{dayLabel(days[0]!.day)}</span>
        <span>{t('todayUtc')}</span>
      </figcaption>
      <details className="rounded-lg border bg-muted/30 text-sm">
        <summary className="cursor-pointer rounded-lg px-3 py-2 font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
          {t('dayByDay')}
        </summary>
        <div className="max-h-80 overflow-y-auto border-t">
          <table className="w-full text-left">
            <caption className="sr-only">{t('tableCaption', { days: days.length })}</caption>
            <thead className="sticky top-0 bg-card">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">{t('dayUtc')}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t('succeeded')}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t('failed')}</th>
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((d) => (
                <tr key={d.day.toISOString()} className="border-t">
                  <th scope="row" className="px-3 py-1.5 font-normal">{dayLabel(d.day)}</th>
                  <td className="px-3 py-1.5 text-right tabular-nums">{format.number(d.succeeded)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{format.number(d.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
