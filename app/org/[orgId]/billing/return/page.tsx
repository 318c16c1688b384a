import type { Metadata } from 'next';
import { Loader2 } from 'lucide-react';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { BILLING_READ, checkoutProgress, type CheckoutProgress } from '@/lib/billing/checkout';
import { DomainError } from '@/lib/domain/errors';
import { may } from '@/lib/orgs/access';
import { orgPage } from '../../org-page';

export const metadata: Metadata = { title: 'Payment' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const sessionIdSchema = z.string().regex(/^cs_\w{1,200}$/);

// A plain link, not next/link: the processing page's refresh timer belongs to this document and
// must not outlive it into a client-side navigation.
function BackToBilling({ orgId, label = 'Back to Billing' }: { orgId: string; label?: string }) {
  return (
    <a href={`/org/${encodeURIComponent(orgId)}/billing`} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
      {label}
    </a>
  );
}

async function outcomeOf(access: Parameters<typeof checkoutProgress>[0], sessionId: string): Promise<CheckoutProgress | { error: string }> {
  try {
    return await checkoutProgress(access, sessionId);
  } catch (err) {
    if (err instanceof DomainError && err.status === 404) return { error: 'We could not find this checkout for your organization. If you paid, your plan appears on the Billing page shortly.' };
    if (err instanceof DomainError) return { error: err.message };
    throw err;
  }
}

export default async function CheckoutReturnPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Search }) {
  const { orgId } = await params;
  const { access } = await orgPage(orgId);
  if (!may(access, BILLING_READ)) {
    return <Alert>Your role in this organization does not include seeing its billing. Ask an owner if you need to.</Alert>;
  }
  const sessionId = sessionIdSchema.safeParse((await searchParams).session_id);
  const outcome = sessionId.success ? await outcomeOf(access, sessionId.data) : { error: 'This link does not name a checkout. Open the Billing page to see your plan.' };

  if ('error' in outcome) {
    return (
      <div className="grid gap-3">
        <Alert variant="destructive">{outcome.error}</Alert>
        <BackToBilling orgId={orgId} />
      </div>
    );
  }
  if (!outcome.applied) {
    return (
      <Card>
        {/* Looks again every two seconds, with or without JavaScript, until the plan is on. */}
        <meta httpEquiv="refresh" content="2" />
        <CardHeader>
          <CardTitle className="flex items-center gap-2 text-lg">
            <Loader2 className="size-5 animate-spin motion-reduce:animate-none" aria-hidden />
            Processing your payment…
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          <p className="text-sm text-muted-foreground" role="status">
            {outcome.paid ? 'Stripe has confirmed the payment. Your new plan is being switched on.' : 'Waiting for Stripe to confirm the payment.'} This page updates
            by itself.
          </p>
          <BackToBilling orgId={orgId} />
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg">{outcome.plan ? `You are on ${outcome.plan.name}` : 'Your plan is active'}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Alert variant="success">
          Thank you for your payment.{outcome.plan ? ` Members of your organization get the features of ${outcome.plan.name} in ${outcome.plan.applicationName} from their next sign-in or token refresh.` : ''}
        </Alert>
        <BackToBilling orgId={orgId} label="Go to Billing" />
      </CardContent>
    </Card>
  );
}
