import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import type { ApplicationUsage } from '@/lib/consumption/overview';
import { MeterUsageBlock } from './meter-usage';

/** One application's meters, under its name and plan (as the Billing page's cards). */
export async function ApplicationUsageCard({ usage }: { usage: ApplicationUsage }) {
  const t = await getTranslations('usage');
  const { application, plan } = usage;
  const headingId = `usage-${application.id}`;
  return (
    <section aria-labelledby={headingId} className="grid gap-5 rounded-xl border bg-card p-4 shadow-sm sm:p-6" data-testid="application-usage">
      <div className="grid gap-1">
        <h3 id={headingId} className="text-lg font-semibold break-words">
          {application.name}
        </h3>
        <p className="text-sm">
          <span className="text-muted-foreground">{t('plan')} </span>
          <span className="font-medium break-words">{plan?.name ?? t('noPlan')}</span>
        </p>
      </div>
      {usage.notSubscribed ? (
        <Alert>{t('notSubscribed', { app: application.name })}</Alert>
      ) : null}
      <div className="grid gap-4">
        {usage.meters.map((meter) => (
          <MeterUsageBlock key={meter.meter} meter={meter} headingId={`${headingId}-${meter.meter.replace(/[^a-z0-9_-]/g, '-')}`} />
        ))}
      </div>
    </section>
  );
}
