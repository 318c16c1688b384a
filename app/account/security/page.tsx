import type { Metadata } from 'next';
import { KeyRound, ShieldCheck, ShieldOff } from 'lucide-react';
import { AddPasskey } from './_components/add-passkey';
import { DateTime } from '@/components/account/date-time';
import { RegenerateCodes } from './_components/regenerate-codes';
import { RenamePasskeyForm } from './_components/rename-passkey-form';
import { PageTitle, Section } from '@/components/account/section';
import { describeUserAgent } from '@/components/account/user-agent';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { requireUser } from '@/lib/auth/current-user';
import { listPasskeys } from '@/lib/auth/passkeys';
import { remainingRecoveryCodes } from '@/lib/auth/recovery-codes';
import { recentSecurityEvents } from '@/lib/auth/security-events';
import { hasTotp } from '@/lib/auth/two-factor';
import Link from 'next/link';
import { deletePasskeyAction, disableTotpAction } from './actions';

export const metadata: Metadata = { title: 'Security' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const notices: Record<string, string> = {
  '2fa-off': 'Two-factor authentication is off.',
  'passkey-removed': 'The passkey was removed.',
  'passkey-not-found': 'That passkey is not on your account any more. Nothing was removed.',
};

export default async function SecurityPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const user = await requireUser('/account/security');
  const [totpOn, keys, events] = await Promise.all([hasTotp(user.id), listPasskeys(user.id), recentSecurityEvents(user.id)]);
  const codesLeft = totpOn ? await remainingRecoveryCodes(user.id) : 0;
  const confirmDelete = typeof params.confirmDelete === 'string' ? keys.find((k) => k.id === params.confirmDelete) : undefined;
  const notice = typeof params.notice === 'string' ? notices[params.notice] : undefined;

  return (
    <>
      <PageTitle title="Security" description="How you sign in, and what happened on your account recently." />
      {notice ? <Alert variant={params.notice === 'passkey-not-found' ? 'default' : 'success'}>{notice}</Alert> : null}

      <Section id="passkeys" title="Passkeys" description="Sign in with your fingerprint, face or screen lock instead of a password. A passkey counts as two factors.">
        {keys.length === 0 ? (
          <p className="text-sm text-muted-foreground">You have no passkeys yet.</p>
        ) : (
          <div className="grid divide-y rounded-lg border" role="list" aria-label="Your passkeys">
            {keys.map((k) => (
              <div key={k.id} role="listitem" className="grid gap-3 p-4" data-testid="passkey">
                <div className="flex items-start gap-3">
                  <KeyRound className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <div className="min-w-0 flex-1 text-sm">
                    <p className="font-medium break-words">{k.name}</p>
                    <p className="text-muted-foreground">
                      Added <DateTime value={k.createdAt} /> · Last used <DateTime value={k.lastUsedAt} />
                      {k.backedUp ? ' · Synced' : ''}
                    </p>
                  </div>
                </div>
                {confirmDelete?.id === k.id ? (
                  <form action={deletePasskeyAction} className="grid gap-2 rounded-md border border-destructive/40 bg-destructive/5 p-3">
                    <input type="hidden" name="id" value={k.id} />
                    <p className="text-sm">Remove “{k.name}”? You will no longer be able to sign in with it.</p>
                    <div className="flex flex-wrap gap-2">
                      <SubmitButton variant="destructive" className="w-auto" pendingLabel="Removing…">
                        Remove passkey
                      </SubmitButton>
                      <Button asChild variant="outline">
                        <Link href="/account/security">Cancel</Link>
                      </Button>
                    </div>
                  </form>
                ) : (
                  <div className="grid gap-2 sm:grid-cols-[1fr_auto] sm:items-start">
                    <RenamePasskeyForm id={k.id} name={k.name} />
                    <Button asChild variant="outline">
                      <Link href={`/account/security?confirmDelete=${encodeURIComponent(k.id)}#passkeys`}>Delete</Link>
                    </Button>
                  </div>
                )}
              </div>
            ))}
          </div>
        )}
        <AddPasskey />
      </Section>

      <Section id="two-factor" title="Two-factor authentication" description="After your password, also ask for a code from an authenticator app.">
        {totpOn ? (
          <>
            <p className="flex items-center gap-2 text-sm font-medium">
              <ShieldCheck className="size-4 text-success" aria-hidden /> On. {codesLeft} of 10 recovery codes left.
            </p>
            <RegenerateCodes />
            <form action={disableTotpAction}>
              <SubmitButton variant="outline" className="w-full sm:w-auto" pendingLabel="Turning off…">
                Turn off two-factor authentication
              </SubmitButton>
            </form>
          </>
        ) : (
          <>
            <p className="flex items-center gap-2 text-sm font-medium">
              <ShieldOff className="size-4 text-muted-foreground" aria-hidden /> Off.
            </p>
            <Button asChild className="w-full sm:w-auto">
              <Link href="/account/security/two-factor">Set up an authenticator app</Link>
            </Button>
          </>
        )}
      </Section>

      <Section title="Recent security events" description="Sign-ins and changes to how you sign in. Something you do not recognise? Change your password.">
        {events.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-muted-foreground">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Event</th>
                  <th scope="col" className="py-2 pr-4 font-medium">When</th>
                  <th scope="col" className="py-2 pr-4 font-medium">IP address</th>
                  <th scope="col" className="py-2 font-medium">Browser</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {events.map((e) => (
                  <tr key={e.id}>
                    <td className="py-2 pr-4">{e.label}</td>
                    <td className="py-2 pr-4 whitespace-nowrap"><DateTime value={e.at} /></td>
                    <td className="py-2 pr-4 break-all">{e.ip ?? '—'}</td>
                    <td className="py-2">{describeUserAgent(e.userAgent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="text-sm">
          <TextLink href="/account/sessions">See where you are signed in</TextLink>
        </p>
      </Section>
    </>
  );
}
