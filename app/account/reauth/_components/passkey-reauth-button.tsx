'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import { KeyRound, Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { passkeyReauthAction, passkeyReauthOptionsAction } from '../../security/actions';

export function PasskeyReauthButton({ next }: { next: string }) {
  const t = useTranslations('account.reauth');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onClick() {
    setError(null);
    setPending(true);
    try {
      const optionsJSON = await passkeyReauthOptionsAction();
      const result = await passkeyReauthAction(await startAuthentication({ optionsJSON }), next);
      if (result.redirectTo) {
        window.location.assign(result.redirectTo);
        return;
      }
      setError(result.error ?? t('passkeyFailed'));
    } catch {
      setError(t('passkeyCancelled'));
    }
    setPending(false);
  }
  return (
    <div className="grid gap-2">
      {error ? <Alert variant="destructive">{error}</Alert> : null}
      <Button type="button" variant="outline" onClick={onClick} disabled={pending} aria-disabled={pending} className="w-full sm:w-auto">
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : <KeyRound aria-hidden />}
        {pending ? t('passkeyWaiting') : t('passkey')}
      </Button>
    </div>
  );
}
