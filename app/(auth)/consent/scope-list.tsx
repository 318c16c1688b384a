import { getTranslations } from 'next-intl/server';
import { describeScopes } from '@/lib/oidc/scope-descriptions';

/** The scopes in plain words (the consent page and Account › Applications say the same). */
export async function ScopeList({ scopes, icon }: { scopes: readonly string[]; icon?: React.ReactNode }) {
  const t = await getTranslations('consent.scopes');
  return (
    <ul className="grid gap-1.5 text-sm" data-testid="scope-list">
      {describeScopes(scopes).map(({ scope, key }) => (
        <li key={scope} className="flex min-w-0 items-start gap-2">
          {icon}
          <span className="min-w-0 break-words">{key === 'other' ? t('other', { scope }) : t(key)}</span>
        </li>
      ))}
    </ul>
  );
}
