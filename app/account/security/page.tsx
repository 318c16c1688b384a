import type { Metadata } from 'next';
import { KeyRound, ShieldCheck, ShieldOff } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { AddPasskey } from './_components/add-passkey';
import { DateTime } from '@/components/account/date-time';
import { ConfirmPanel, Disclosure } from '@/components/account/disclosure';
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

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('security');
  return { title: t('title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const NOTICES = ['2fa-off', 'passkey-removed', 'passkey-not-found'] as const;
const isNotice = (value: unknown): value is (typeof NOTICES)[number] => NOTICES.includes(value as (typeof NOTICES)[number]);

export default async function SecurityPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const user = await requireUser('/account/security');
  const [totpOn, keys, events] = await Promise.all([hasTotp(user.id), listPasskeys(user.id), recentSecurityEvents(user.id)]);
  const codesLeft = totpOn ? await remainingRecoveryCodes(user.id) : 0;
  const confirmDelete = typeof params.confirmDelete === 'string' ? keys.find((k) => k.id === params.confirmDelete) : undefined;
  const [t, common] = await Promise.all([getTranslations('security'), getTranslations('common')]);
  const notice = isNotice(params.notice) ? t(`notices.${params.notice}`) : undefined;

  return (
    <>
      <PageTitle title={t('title')} description={t('description')} />
      {notice ? <Alert variant={params.notice === 'passkey-not-found' ? 'default' : 'success'}>{notice}</Alert> : null}

      <Section id="passkeys" title={t('passkeys.title')} description={t('passkeys.description')}>
        {keys.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('passkeys.none')}</p>
        ) : (
          <div className="grid divide-y rounded-lg border" role="list" aria-label={t('passkeys.listLabel')}>
            {keys.map((k) => (
              <div key={k.id} role="listitem" className="grid gap-3 p-4" data-testid="passkey">
                <div className="flex items-start gap-3">
                  <KeyRound className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <div className="min-w-0 flex-1 text-sm">
                    <p className="font-medium break-words">{k.name}</p>
                    {k.authenticator ? <p className="text-muted-foreground break-words">{k.authenticator}</p> : null}
                    <p className="text-muted-foreground">
                      {t('passkeys.added')} <DateTime value={k.createdAt} /> · {t('passkeys.lastUsed')} <DateTime value={k.lastUsedAt} />
                      {k.backedUp ? ` · ${t('passkeys.synced')}` : ''}
                    </p>
                  </div>
                </div>
                {confirmDelete?.id === k.id ? (
                  <form action={deletePasskeyAction}>
                    <input type="hidden" name="id" value={k.id} />
                    <ConfirmPanel message={t('passkeys.removeConfirm', { name: k.name })}>
                      <SubmitButton variant="destructive" className="w-auto" pendingLabel={t('passkeys.removing')}>
                        {t('passkeys.remove')}
                      </SubmitButton>
                      <Button asChild variant="outline">
                        <Link href="/account/security#passkeys">{common('actions.cancel')}</Link>
                      </Button>
                    </ConfirmPanel>
                  </form>
                ) : (
                  <div className="flex flex-wrap items-start gap-2">
                    <Disclosure label={t('passkeys.rename')}>
                      <RenamePasskeyForm id={k.id} name={k.name} />
                    </Disclosure>
                    <Button asChild variant="outline">
                      <Link href={`/account/security?confirmDelete=${encodeURIComponent(k.id)}#passkeys`}>{common('actions.delete')}</Link>
                    </Button>
                  </div>
                )}
              </div>
            ))}
          </div>
        )}
        <AddPasskey />
      </Section>

      <Section id="two-factor" title={t('twoFactor.title')} description={t('twoFactor.description')}>
        {totpOn ? (
          <>
            <p className="flex items-center gap-2 text-sm font-medium">
              <ShieldCheck className="size-4 shrink-0 text-success" aria-hidden /> {t('twoFactor.on', { count: codesLeft, total: 10 })}
            </p>
            <RegenerateCodes />
            <form action={disableTotpAction}>
              <SubmitButton variant="outline" className="w-full sm:w-auto" pendingLabel={t('twoFactor.turningOff')}>
                {t('twoFactor.turnOff')}
              </SubmitButton>
            </form>
          </>
        ) : (
          <>
            <p className="flex items-center gap-2 text-sm font-medium">
              <ShieldOff className="size-4 shrink-0 text-muted-foreground" aria-hidden /> {t('twoFactor.off')}
            </p>
            <Button asChild className="w-full sm:w-auto">
              <Link href="/account/security/two-factor">{t('twoFactor.setUp')}</Link>
            </Button>
          </>
        )}
      </Section>

      <Section title={t('events.title')} description={t('events.description')}>
        {events.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('events.none')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-muted-foreground">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">{t('events.event')}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t('events.when')}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t('events.ip')}</th>
                  <th scope="col" className="py-2 font-medium">{t('events.browser')}</th>
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
          <TextLink href="/account/sessions">{t('events.sessionsLink')}</TextLink>
        </p>
      </Section>
    </>
  );
}
