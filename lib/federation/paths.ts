// The pages a federated sign-in passes through and ends on.

/** The account page that lists, links and unlinks identities. */
export const SIGN_IN_METHODS_PATH = '/account/sign-in-methods';

/** What the sign-in and account pages can say about a federated sign-in that did not finish. */
export const FEDERATED_ERRORS = [
  'OAuthAccountNotLinked',
  'AlreadyLinkedElsewhere',
  'OAuthCallbackError',
  'EmailRequired',
  'EmailUnverified',
  'SsoRequired',
  'AccountDisabled',
  'ProviderUnavailable',
  'DomainNotAllowed',
  'NoSso',
  'Failed',
] as const;
export type FederatedError = (typeof FEDERATED_ERRORS)[number];

export function isFederatedError(value: unknown): value is FederatedError {
  return typeof value === 'string' && (FEDERATED_ERRORS as readonly string[]).includes(value);
}

/** Where a refusal is shown: the sign-in page, or the account's sign-in methods for a link. */
export function federatedErrorPath(error: FederatedError, signedIn: boolean): string {
  return signedIn ? `${SIGN_IN_METHODS_PATH}?error=${error}` : `/login?federated_error=${error}`;
}

/** Where Auth.js sends a finished sign-in: the landing route applies the organization's 2FA rule, then `next`. */
export function federatedLandingPath(next: string): string {
  return `/login/federated/done?next=${encodeURIComponent(next)}`;
}
