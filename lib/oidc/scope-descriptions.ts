// What a scope lets an application do, in plain words, for the consent page and Account ›
// Applications alike. The words themselves live in messages/<locale>/consent.json under `scopes`.

/** The standard scopes that have a sentence of their own; any other scope is named as it is. */
export const DESCRIBED_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;
export type DescribedScope = (typeof DESCRIBED_SCOPES)[number];

export type ScopeDescription = { scope: string; key: DescribedScope | 'other' };

/** The message key of each scope, in the order given, duplicates dropped. */
export function describeScopes(scopes: readonly string[]): ScopeDescription[] {
  return [...new Set(scopes)].map((scope) => ({
    scope,
    key: (DESCRIBED_SCOPES as readonly string[]).includes(scope) ? (scope as DescribedScope) : 'other',
  }));
}
