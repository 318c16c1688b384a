'use client';

import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { KeyRound, Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { TextField } from '@/components/forms/text-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { passkeyRegistrationOptionsAction, registerPasskeyAction } from '../actions';

/** Names and registers a new passkey on this device (needs JavaScript: WebAuthn is a browser API). */
export function AddPasskey() {
  const router = useRouter();
  const [supported, setSupported] = useState<boolean | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- feature detection only runs in the browser
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    setError(null);
    setNotice(null);
    if (!name) {
      setError('Give the passkey a name, like “Work laptop”.');
      return;
    }
    setPending(true);
    try {
      const optionsJSON = await passkeyRegistrationOptionsAction();
      const result = await registerPasskeyAction(await startRegistration({ optionsJSON }), name);
      if (result.ok) {
        setNotice(`Passkey “${name}” added.`);
        router.refresh();
      } else setError(result.error ?? 'The passkey could not be added.');
    } catch (err) {
      setError(
        err instanceof Error && err.name === 'InvalidStateError'
          ? 'This device already has a passkey for your account.'
          : 'The passkey request was cancelled or timed out.',
      );
    }
    setPending(false);
  }

  if (supported === false) return <p className="text-sm text-muted-foreground">This browser cannot create passkeys.</p>;
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end" noValidate>
      {error ? <Alert variant="destructive" className="sm:col-span-2">{error}</Alert> : null}
      {notice ? <Alert variant="success" className="sm:col-span-2">{notice}</Alert> : null}
      <TextField name="name" label="Name for the new passkey" placeholder="Work laptop" maxLength={60} required />
      <Button type="submit" disabled={pending || !supported} aria-disabled={pending || !supported}>
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : <KeyRound aria-hidden />}
        {pending ? 'Waiting for your device…' : 'Add a passkey'}
      </Button>
    </form>
  );
}
