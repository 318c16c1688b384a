'use client';

import { browserSupportsWebAuthn, startAuthentication } from '@simplewebauthn/browser';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { PasskeyButton } from '@/components/passkey-button';
import { secondFactorPasskeyAction, secondFactorPasskeyOptionsAction } from './passkey-actions';

/** The second step with a passkey that verifies the user (PIN or biometrics), instead of a code. */
export function PasskeySecondFactor({ next }: { next?: string }) {
  const t = useTranslations('auth');
  const [supported, setSupported] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // Mount-time feature detection: the server cannot know whether this browser has WebAuthn.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSupported(browserSupportsWebAuthn());
  }, []);

  async function onClick() {
    setError(null);
    setPending(true);
    try {
      const asked = await secondFactorPasskeyOptionsAction(next);
      if ('error' in asked) {
        setError(asked.error);
        setPending(false);
        return;
      }
      const result = await secondFactorPasskeyAction(await startAuthentication({ optionsJSON: asked.options }), next);
      if (result.redirectTo) {
        window.location.assign(result.redirectTo);
        return;
      }
      setError(result.error ?? t('passkey.notVerified'));
    } catch (err) {
      if (err instanceof Error && err.name === 'NotAllowedError') setError(t('passkey.cancelled'));
      else setError(t('passkey.unsupportedSecondStep'));
    }
    setPending(false);
  }

  if (!supported) return null;
  return <PasskeyButton label={t('passkey.use')} pendingLabel={t('passkey.checking')} pending={pending} error={error} onClick={onClick} />;
}
