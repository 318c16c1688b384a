import type { Metadata } from 'next';
import { Smartphone } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import QRCode from 'qrcode';
import { CopyButton } from '@/components/account/copy-button';
import { PageTitle, Section } from '@/components/account/section';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { requireUser } from '@/lib/auth/current-user';
import { safeReturnPath } from '@/lib/auth/return-path';
import { hasTotp, pendingTotpEnrollment, totpSetupPath, type TotpEnrollment } from '@/lib/auth/two-factor';
import { requireRecentAuth } from '../../recent-auth';
import { TotpSetupForm } from './totp-setup-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('security.totpSetup');
  return { title: t('title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

async function ScanStep({ enrollment }: { enrollment: TotpEnrollment }) {
  const t = await getTranslations('security.totpSetup');
  // Rendered here as an image: no external QR service sees the secret.
  const qr = await QRCode.toString(enrollment.uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const grouped = enrollment.secret.match(/.{1,4}/g)!.join(' ');
  return (
    <Section title={t('scanTitle')} description={t('scanDescription')}>
      {/* eslint-disable-next-line @next/next/no-img-element -- an inline data: SVG, nothing for next/image to optimise */}
      <img
        src={`data:image/svg+xml;base64,${Buffer.from(qr).toString('base64')}`}
        alt={t('qrAlt')}
        width={200}
        height={200}
        // The QR code needs its light quiet zone in dark mode too: white is the code's, not the theme's.
        className="rounded-md border bg-white p-2"
      />
      <div className="grid gap-2 text-sm">
        <p className="text-muted-foreground">{t('onThisPhone')}</p>
        <Button asChild variant="outline" className="w-full sm:w-auto sm:justify-self-start">
          <a href={enrollment.uri}>
            <Smartphone aria-hidden />
            {t('openInApp')}
          </a>
        </Button>
      </div>
      <div className="grid gap-2 text-sm">
        <p className="text-muted-foreground">{t('cannotScan')}</p>
        <div className="flex flex-wrap items-center gap-2">
          <code
            data-testid="totp-secret"
            data-secret={enrollment.secret}
            className="min-w-0 rounded-md bg-muted px-3 py-2 font-mono select-all [overflow-wrap:anywhere]"
          >
            {grouped}
          </code>
          <CopyButton text={enrollment.secret} />
        </div>
      </div>
    </Section>
  );
}

export default async function TotpSetupPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const next = safeReturnPath(params.next, '/account/security');
  const required = params.required === '1';
  const here = totpSetupPath(next, required);
  const user = await requireUser(here);
  // A new authenticator is a new way into the account: confirm it is the owner before showing its
  // secret (a stolen session must neither enroll its own nor read the one the owner will scan).
  if (!(await hasTotp(user.id))) await requireRecentAuth(here);
  const enrollment = await pendingTotpEnrollment(user.id, user.email);
  const t = await getTranslations('security.totpSetup');
  // One tree whether or not TOTP is on yet: the form's answer carries the recovery codes, and the
  // form then hides the QR code and key it was given (they are of no use once set up).
  return (
    <>
      <PageTitle title={t('title')} description={t('description')} />
      {required && enrollment ? <Alert variant="destructive">{t('required')}</Alert> : null}
      <TotpSetupForm next={next} required={required} alreadyOn={!enrollment} scan={enrollment ? <ScanStep enrollment={enrollment} /> : null} />
    </>
  );
}
