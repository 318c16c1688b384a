import { notice } from './account-notices';
import type { Mail } from './transport';

export type QuotaAlert = {
  organizationName: string;
  applicationName: string;
  meter: string;
  threshold: 80 | 100;
  limit: number;
  used: number;
  /** When the period resets; null for a lifetime quota. */
  periodEnd: Date | null;
  usageUrl: string;
};

const amount = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(n);

/** To an owner of the organization, once per threshold and period (lib/consumption/alerts.ts). */
export function quotaAlertMail(to: string, alert: QuotaAlert): Mail {
  const { organizationName: org, applicationName: app, meter } = alert;
  const reached = alert.threshold === 100;
  const subject = reached ? `${org} reached its ${meter} limit on ${app}` : `${org} has used 80% of its ${meter} limit on ${app}`;
  const used = `${org} has used ${amount(alert.used)} ${meter} of its limit of ${amount(alert.limit)} on ${app}`;
  const status = !reached
    ? `${used}: 80% or more of what its plan allows this period.`
    : alert.used >= alert.limit
      ? `${used}. ${app} now refuses more ${meter} until the period resets.`
      : `${used}, and ${app} refused usage that would have passed the limit. Usage that would pass it is refused until the period resets.`;
  const resets = alert.periodEnd
    ? `The period resets on ${alert.periodEnd.toUTCString()}.`
    : 'This limit is for the lifetime of the plan: it does not reset.';
  return notice(
    to,
    subject,
    [status, resets, 'To allow more, change the organization\u2019s plan. You receive this mail because you are an owner of the organization.'],
    { label: 'See the usage', url: alert.usageUrl },
  );
}
