'use client';

import { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill, startAuthentication, WebAuthnAbortService } from '@simplewebauthn/browser';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { PasskeyButton } from '@/components/passkey-button';
import { passkeySignInAction, passkeySignInOptionsAction } from './passkey-actions';

/**
 * "Sign in with a passkey", and the same through the browser's autofill on the email field
 * (conditional mediation), which waits in the background until the person picks a passkey.
 */
export function PasskeySignIn({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('auth');
  const [supported, setSupported] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function finish(response: Awaited<ReturnType<typeof startAuthentication>>) {
    setPending(true);
    const result = await passkeySignInAction(response, callbackUrl);
    if (result.redirectTo) {
      window.location.assign(result.redirectTo);
      return;
    }
    setPending(false);
    setError(result.error ?? t('passkey.notVerified'));
  }

  useEffect(() => {
    // Mount-time feature detection: the server cannot know whether this browser has WebAuthn.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSupported(browserSupportsWebAuthn());
    let cancelled = false;
    void (async () => {
      if (!(await browserSupportsWebAuthnAutofill())) return;
      try {
        const asked = await passkeySignInOptionsAction();
        // Refused (too many attempts): the button says so when pressed; autofill just stays quiet.
        if (cancelled || 'error' in asked) return;
        const response = await startAuthentication({ optionsJSON: asked.options, useBrowserAutofill: true });
        if (!cancelled) await finish(response);
      } catch {
        // Aborted (the button started its own ceremony, or the page is leaving): nothing to say.
      }
    })();
    return () => {
      cancelled = true;
      WebAuthnAbortService.cancelCeremony();
    };
    // finish only closes over callbackUrl, a prop fixed for the page's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function onClick() {
    setError(null);
    try {
      const asked = await passkeySignInOptionsAction();
      if ('error' in asked) {
        setError(asked.error);
        return;
      }
      await finish(await startAuthentication({ optionsJSON: asked.options }));
    } catch (err) {
      setPending(false);
      if (err instanceof Error && err.name === 'NotAllowedError') setError(t('passkey.cancelled'));
      else setError(t('passkey.unsupported'));
    }
  }

  if (!supported) return null;
  return <PasskeyButton label={t('passkey.signIn')} pendingLabel={t('passkey.signingIn')} pending={pending} error={error} onClick={onClick} />;
}
