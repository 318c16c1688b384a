import type { Metadata } from 'next';
import { AlertTriangle } from 'lucide-react';
import { Alert } from '@/components/ui/alert';
import { BILLING_READ } from '@/lib/billing/checkout';
import { organizationUsage } from '@/lib/consumption/overview';
import { may } from '@/lib/orgs/access';
import { orgPage } from '../org-page';
import { ApplicationUsageCard } from './_components/application-usage';
import { quotaWarning } from './format';

export const metadata: Metadata = { title: 'Usage' };

export default async function UsagePage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { access, org } = await orgPage(orgId);
  if (!may(access, BILLING_READ)) {
    return <Alert>Your role in this organization does not include seeing its usage. Ask an owner if you need to.</Alert>;
  }
  const usage = await organizationUsage(access);
  const warnings = usage.flatMap((app) =>
    app.meters.flatMap((meter) => {
      const warning = quotaWarning(org.name, app.application.name, meter);
      return warning ? [{ key: `${app.application.id}/${meter.meter}`, ...warning }] : [];
    }),
  );

  return (
    <section className="grid gap-4" aria-labelledby="usage-heading">
      <div className="grid gap-1">
        <h2 id="usage-heading" className="text-lg font-semibold">
          Usage
        </h2>
        <p className="text-sm text-muted-foreground">What your organization has used of each application in the current period, against your plan’s limits.</p>
      </div>
      {warnings.map((warning) => (
        <Alert key={warning.key} variant={warning.level === 100 ? 'destructive' : 'default'} className="flex items-start gap-2" data-testid="usage-warning">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>{warning.text}</span>
        </Alert>
      ))}
      {usage.length === 0 ? (
        <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">Nothing is metered for this organization yet.</p>
      ) : (
        usage.map((app) => <ApplicationUsageCard key={app.application.id} usage={app} />)
      )}
    </section>
  );
}
