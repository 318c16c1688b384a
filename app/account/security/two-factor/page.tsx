import type { Metadata } from 'next';
import QRCode from 'qrcode';
import { PageTitle, Section } from '@/components/account/section';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { safeReturnPath } from '@/lib/auth/return-path';
import { hasTotp, pendingTotpEnrollment, totpSetupPath, type TotpEnrollment } from '@/lib/auth/two-factor';
import { requireRecentAuth } from '../../recent-auth';
import { TotpSetupForm } from './totp-setup-form';

export const metadata: Metadata = { title: 'Set up two-factor authentication' };

type Search = Promise<Record<string, string | string[] | undefined>>;

async function ScanStep({ enrollment }: { enrollment: TotpEnrollment }) {
  // Rendered here as an image: no external QR service sees the secret.
  const qr = await QRCode.toString(enrollment.uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const grouped = enrollment.secret.match(/.{1,4}/g)!.join(' ');
  return (
    <Section title="1. Scan the QR code" description="Use an authenticator app such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis.">
      {/* eslint-disable-next-line @next/next/no-img-element -- an inline data: SVG, nothing for next/image to optimise */}
      <img
        src={`data:image/svg+xml;base64,${Buffer.from(qr).toString('base64')}`}
        alt="QR code for your authenticator app"
        width={200}
        height={200}
        className="rounded-md border bg-white p-2"
      />
      <div className="grid gap-1 text-sm">
        <p className="text-muted-foreground">Cannot scan it? Enter this key in the app instead:</p>
        <code data-testid="totp-secret" data-secret={enrollment.secret} className="rounded-md bg-muted px-3 py-2 font-mono break-all">
          {grouped}
        </code>
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
  // One tree whether or not TOTP is on yet: after the form's action the page re-renders with TOTP
  // on, and the form (at the same place) shows the recovery codes from the action's answer.
  return (
    <>
      <PageTitle title="Set up two-factor authentication" description="After your password, you will also enter a code from an app on your phone." />
      {required && enrollment ? (
        <Alert variant="destructive">An organization you belong to requires two-factor authentication. Set it up to continue.</Alert>
      ) : null}
      {enrollment ? <ScanStep enrollment={enrollment} /> : null}
      <Section title={enrollment ? '2. Enter a code' : 'Two-factor authentication is on'}>
        <TotpSetupForm next={next} required={required} alreadyOn={!enrollment} />
      </Section>
    </>
  );
}
