import type { Metadata } from 'next';
import { Loader2 } from 'lucide-react';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { BILLING_READ, checkoutProgress, type CheckoutProgress } from '@/lib/billing/checkout';
import { DomainError } from '@/lib/domain/errors';
import { errorText } from '@/lib/i18n/error-text';
import { may } from '@/lib/orgs/access';
import { orgPage } from '../../org-page';

export async function generateMetadata({ params }: { params: Promise<{ orgId: string }> }): Promise<Metadata> {
  const { org } = await orgPage((await params).orgId);
  return { title: (await getTranslations('billing'))('returnTitle', { org: org.name }) };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const sessionIdSchema = z.string().regex(/^cs_\w{1,200}$/);

// A plain link, not next/link: the processing page's refresh timer belongs to this document and
// must not outlive it into a client-side navigation.
function BackToBilling({ orgId, label }: { orgId: string; label: string }) {
  return (
    <a
      href={`/org/${encodeURIComponent(orgId)}/billing`}
      className="justify-self-start rounded-sm text-sm font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
    >
      {label}
    </a>
  );
}

async function outcomeOf(access: Parameters<typeof checkoutProgress>[0], sessionId: string, notFound: string): Promise<CheckoutProgress | { error: string }> {
  try {
    return await checkoutProgress(access, sessionId);
  } catch (err) {
    if (err instanceof DomainError && err.status === 404) return { error: notFound };
    if (err instanceof DomainError) return { error: errorText(err, await getLocale()) };
    throw err;
  }
}

export default async function CheckoutReturnPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Search }) {
  const { orgId } = await params;
  const { access } = await orgPage(orgId);
  const t = await getTranslations('billing');
  if (!may(access, BILLING_READ)) return <Alert>{t('noAccess')}</Alert>;
  const sessionId = sessionIdSchema.safeParse((await searchParams).session_id);
  const outcome = sessionId.success ? await outcomeOf(access, sessionId.data, t('return.notFound')) : { error: t('return.noSession') };
  const back = <BackToBilling orgId={orgId} label={t('return.back')} />;

  if ('error' in outcome) {
    return (
      <div className="grid gap-3">
        <Alert variant="destructive">{outcome.error}</Alert>
        {back}
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
            {t('return.processing')}
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          <p className="text-sm text-muted-foreground" role="status">
            {outcome.paid ? t('return.paid') : t('return.waiting')}
          </p>
          {back}
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg break-words">{outcome.plan ? t('return.onPlan', { plan: outcome.plan.name }) : t('return.active')}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Alert variant="success">
          {outcome.plan ? t('return.thanksPlan', { plan: outcome.plan.name, app: outcome.plan.applicationName }) : t('return.thanks')}
        </Alert>
        <BackToBilling orgId={orgId} label={t('return.go')} />
      </CardContent>
    </Card>
  );
}
