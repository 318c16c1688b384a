import { config } from '@/lib/config';
import { DomainError } from '@/lib/domain/errors';

/**
 * Where Stripe's pages send a person back. Only pages of the portal itself: a caller-chosen
 * address elsewhere would make the portal (through Stripe) an open redirect.
 */
function onPortal(given: string | undefined, fallbackPath: string, field: string): string {
  const base = config().publicUrl;
  if (given === undefined) return `${base}${fallbackPath}`;
  const url = URL.canParse(given) ? new URL(given) : null;
  if (!url || url.origin !== new URL(base).origin) {
    throw new DomainError('invalid_request', `${field} must be a page of this portal (${new URL(base).origin}).`);
  }
  return url.href;
}

const billingPage = (orgId: string) => `/org/${encodeURIComponent(orgId)}/billing`;

export function checkoutUrls(orgId: string, given: { returnUrl?: string | undefined; cancelUrl?: string | undefined }) {
  return {
    returnUrl: onPortal(given.returnUrl, `${billingPage(orgId)}/return`, 'returnUrl'),
    cancelUrl: onPortal(given.cancelUrl, billingPage(orgId), 'cancelUrl'),
  };
}

export function portalReturnUrl(orgId: string, given: string | undefined): string {
  return onPortal(given, billingPage(orgId), 'returnUrl');
}
