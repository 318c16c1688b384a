import Stripe from 'stripe';
import { config } from '@/lib/config';
import { unprocessable } from '@/lib/domain/errors';

/** The SDK's types, for the rest of lib/billing: this module is the only one that imports the SDK. */
export type { Stripe };

/** The Stripe API version the portal is written against (the SDK's own). */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;

export type StripeSettings = { secretKey: string; apiBase?: string | undefined };

/**
 * The official SDK, pointed at `apiBase` when given (stripe-mock or the test harness's stand-in)
 * through its host, port and protocol options.
 */
export function createStripeClient(settings: StripeSettings): Stripe {
  const base = settings.apiBase ? new URL(settings.apiBase) : null;
  return new Stripe(settings.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    telemetry: false,
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base
      ? { host: base.hostname, port: base.port || (base.protocol === 'https:' ? 443 : 80), protocol: base.protocol === 'https:' ? 'https' : 'http' }
      : {}),
  });
}

const holder = globalThis as unknown as { __authPortalStripe?: Stripe };

/** The process's Stripe client; null in manual mode (no STRIPE_SECRET_KEY). */
export function stripeClient(): Stripe | null {
  const settings = config().stripe;
  if (!settings) return null;
  return (holder.__authPortalStripe ??= createStripeClient(settings));
}

/** The Stripe client, or the error every Stripe-only action answers in manual mode. */
export function requireStripe(): Stripe {
  const client = stripeClient();
  if (!client) throw unprocessable('Online payment is not set up on this portal: plans are assigned by a platform administrator.');
  return client;
}

export function billingMode(): 'stripe' | 'manual' {
  return config().stripe ? 'stripe' : 'manual';
}

export class WebhookSignatureError extends Error {}

/** The event Stripe signed, or WebhookSignatureError when the signature is missing, stale or wrong. */
export function verifyWebhookEvent(payload: string, signature: string | null, secret: string): Stripe.Event {
  if (!signature) throw new WebhookSignatureError('The Stripe-Signature header is missing.');
  try {
    return Stripe.webhooks.constructEvent(payload, signature, secret);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw new WebhookSignatureError(error.message);
    throw error;
  }
}
