'use client';

import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { KeyRound, Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { TextField } from '@/components/forms/text-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { passkeyRegistrationOptionsAction, registerPasskeyAction } from '../actions';

/** Names and registers a new passkey on this device (needs JavaScript: WebAuthn is a browser API). */
export function AddPasskey() {
  const t = useTranslations('security.passkeys');
  const router = useRouter();
  const [supported, setSupported] = useState<boolean | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- feature detection only runs in the browser
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('name') ?? '').trim();
    setError(null);
    setNameError(null);
    setNotice(null);
    if (!name) {
      setNameError(t('nameRequired'));
      form.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
      return;
    }
    setPending(true);
    try {
      const optionsJSON = await passkeyRegistrationOptionsAction();
      const result = await registerPasskeyAction(await startRegistration({ optionsJSON }), name);
      if (result.ok) {
        setNotice(t('addedNotice', { name }));
        form.reset();
        router.refresh();
      } else setError(result.error ?? t('addFailed'));
    } catch (err) {
      setError(err instanceof Error && err.name === 'InvalidStateError' ? t('alreadyOnDevice') : t('cancelled'));
    }
    setPending(false);
  }

  if (supported === false) return <p className="text-sm text-muted-foreground">{t('unsupported')}</p>;
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start" noValidate>
      {error ? <Alert variant="destructive" className="sm:col-span-2">{error}</Alert> : null}
      {notice ? <Alert variant="success" className="sm:col-span-2">{notice}</Alert> : null}
      <TextField name="name" label={t('nameLabel')} placeholder={t('namePlaceholder')} maxLength={60} required error={nameError ?? undefined} />
      <Button type="submit" className="sm:mt-[1.375rem]" disabled={pending || !supported} aria-disabled={pending || !supported}>
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : <KeyRound aria-hidden />}
        {pending ? t('waiting') : t('add')}
      </Button>
    </form>
  );
}
