'use client';

import { browserSupportsWebAuthn, startAuthentication } from '@simplewebauthn/browser';
import { useEffect, useState } from 'react';
import { PasskeyButton } from '@/components/passkey-button';
import { secondFactorPasskeyAction, secondFactorPasskeyOptionsAction } from './passkey-actions';

/** The second step with a passkey that verifies the user (PIN or biometrics), instead of a code. */
export function PasskeySecondFactor({ next }: { next?: string }) {
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
      setError(result.error ?? 'The passkey could not be verified.');
    } catch (err) {
      if (err instanceof Error && err.name === 'NotAllowedError') setError('The passkey request was cancelled or timed out.');
      else setError('This browser could not use a passkey.');
    }
    setPending(false);
  }

  if (!supported) return null;
  return <PasskeyButton label="Use a passkey" pendingLabel="Checking…" pending={pending} error={error} onClick={onClick} />;
}
