import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Check } from 'lucide-react';
import { AuthShell } from '@/components/auth-shell';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { loadPendingAuthorization } from '@/lib/oidc/authorize';
import { consentDetails } from '@/lib/oidc/consent-details';
import { switchAccountAction } from './actions';
import { ApplicationBadge, ClaimsList } from './consent-details';
import { ConsentForms } from './consent-forms';
import { ScopeList } from './scope-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('consent.consent'))('metaTitle') };
}

const focusRing = 'rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring';

export default async function ConsentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const requestId = typeof params.request === 'string' ? params.request : '';
  const uiLocales = typeof params.ui_locales === 'string' ? `&ui_locales=${encodeURIComponent(params.ui_locales)}` : '';
  const user = await requireUser(`/consent?request=${encodeURIComponent(requestId)}${uiLocales}`);
  const t = await getTranslations('consent.consent');
  const pending = await loadPendingAuthorization(requestId, user.id);
  if (!pending) {
    return (
      // A long unbroken name or address must wrap, not widen the page on a phone.
      <div className="contents [overflow-wrap:anywhere]">
        <AuthShell title={t('expiredTitle')}>
          <Alert variant="destructive">{t('expired')}</Alert>
        </AuthShell>
      </div>
    );
  }
  const details = await consentDetails(pending);
  const app = details.clientName;
  return (
    <div className="contents [overflow-wrap:anywhere]">
      <AuthShell
        title={t('title', { app })}
        description={t.rich('signedInAs', { email: user.email, strong: (chunks) => <span className="font-medium break-all text-foreground">{chunks}</span> })}
        footer={
          <p data-testid="consent-revoke-later">
            {t.rich('revokeLater', {
              link: (chunks) => (
                <Link href="/account/applications" className={`font-medium text-primary underline underline-offset-4 ${focusRing}`}>
                  {chunks}
                </Link>
              ),
            })}
          </p>
        }
      >
        <div className="-mt-2 flex flex-wrap items-center gap-x-1 text-sm text-muted-foreground">
          <span>{t('notYou')}</span>{' '}
          <form action={switchAccountAction}>
            <input type="hidden" name="request" value={pending.id} />
            <button type="submit" className={`font-medium text-primary underline-offset-4 hover:underline ${focusRing}`}>
              {t('switchAccount')}
            </button>
          </form>
        </div>
        <ApplicationBadge name={app} host={details.redirectHost} logoUrl={details.logoUrl} />
        <section className="grid gap-2" aria-labelledby="consent-scopes">
          <h2 id="consent-scopes" className="text-sm font-medium">
            {t('willBeAbleTo', { app })}
          </h2>
          <ScopeList scopes={pending.request.scopes} icon={<Check className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />} />
        </section>
        <ClaimsList details={details} />
        <p className="text-sm text-muted-foreground" data-testid="consent-redirect">
          {t.rich('redirect', { host: details.redirectHost, strong: (chunks) => <span className="font-medium break-all text-foreground">{chunks}</span> })}
        </p>
        <ConsentForms requestId={pending.id} />
      </AuthShell>
    </div>
  );
}
