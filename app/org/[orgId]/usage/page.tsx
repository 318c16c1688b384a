import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { AlertTriangle } from 'lucide-react';
import { Alert } from '@/components/ui/alert';
import { BILLING_READ } from '@/lib/billing/checkout';
import { organizationUsage } from '@/lib/consumption/overview';
import { may } from '@/lib/orgs/access';
import { orgPage } from '../org-page';
import { ApplicationUsageCard } from './_components/application-usage';
import { quotaWarning } from './format';

type Params = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { org } = await orgPage((await params).orgId);
  return { title: (await getTranslations('usage'))('title', { org: org.name }) };
}

export default async function UsagePage({ params }: Params) {
  const { orgId } = await params;
  const { access, org } = await orgPage(orgId);
  const t = await getTranslations('usage');
  if (!may(access, BILLING_READ)) return <Alert>{t('noAccess')}</Alert>;
  const locale = await getLocale();
  const usage = await organizationUsage(access);
  const warnings = usage.flatMap((app) =>
    app.meters.flatMap((meter) => {
      const warning = quotaWarning(t, locale, org.name, app.application.name, meter);
      return warning ? [{ key: `${app.application.id}/${meter.meter}`, ...warning }] : [];
    }),
  );

  return (
    <section className="grid gap-4" aria-labelledby="usage-heading">
      <div className="grid gap-1">
        <h2 id="usage-heading" className="text-lg font-semibold">
          {t('heading')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('intro')}</p>
      </div>
      {warnings.map((warning) => (
        <Alert key={warning.key} variant={warning.level === 100 ? 'destructive' : 'default'} className="flex items-start gap-2" data-testid="usage-warning">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span className="min-w-0 break-words [overflow-wrap:anywhere]">{warning.text}</span>
        </Alert>
      ))}
      {usage.length === 0 ? (
        <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">{t('empty')}</p>
      ) : (
        usage.map((app) => <ApplicationUsageCard key={app.application.id} usage={app} />)
      )}
    </section>
  );
}
