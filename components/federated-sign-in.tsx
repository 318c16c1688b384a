import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { signInProviders } from '@/lib/federation/identities';
import { isFederatedError } from '@/lib/federation/paths';

/**
 * "Continue with <provider>", one plain form per provider in the registry. No per-visitor token in
 * them (proxy.ts refuses cross-site posts), so the signed-out sign-in page stays cacheable.
 */
export async function FederatedSignIn({ callbackUrl }: { callbackUrl: string }) {
  const providers = await signInProviders();
  if (providers.length === 0) return null;
  const t = await getTranslations('auth.federated');
  return (
    <div className="grid gap-3">
      <p className="flex items-center gap-3 text-xs uppercase text-muted-foreground before:h-px before:flex-1 before:bg-border after:h-px after:flex-1 after:bg-border">
        {t('or')}
      </p>
      {providers.map((p) => (
        <form key={p.id} method="post" action="/login/federated">
          <input type="hidden" name="provider" value={p.id} />
          {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
          <Button type="submit" variant="outline" className="w-full">
            {t('continueWith', { name: p.name })}
          </Button>
        </form>
      ))}
    </div>
  );
}

/** Why the last federated sign-in did not finish, in plain words (only the known reasons are shown). */
export async function FederatedSignInError({ error }: { error: unknown }) {
  if (!isFederatedError(error)) return null;
  const t = await getTranslations('auth.federated.errors');
  return <Alert variant="destructive">{t(error)}</Alert>;
}
