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
  if (!client) throw unprocessable({ key: 'paymentNotSetUp' });
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

/** One usage event as Stripe's billing meter events take it (the meter's default payload keys). */
export type MeterEventInput = { eventName: string; customerId: string; value: string; identifier: string; occurredAt: Date };

/**
 * Stripe refusing a meter event whose identifier it already holds: the event was counted by an
 * earlier send (whose answer we lost), so it counts as sent. The v1 API answers 400
 * invalid_request_error "An event already exists with identifier …" without a code; the v2 API
 * names the code `duplicate_meter_event`. Either is recognised.
 */
export function isDuplicateMeterEvent(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  if (error.code === 'duplicate_meter_event') return true;
  return error.statusCode === 400 && /already exists with identifier/i.test(error.message);
}

/** Sends one meter event; 'already_sent' when Stripe already holds its identifier. Other refusals throw. */
export async function sendMeterEvent(client: Stripe, event: MeterEventInput): Promise<'sent' | 'already_sent'> {
  try {
    await client.billing.meterEvents.create({
      event_name: event.eventName,
      payload: { stripe_customer_id: event.customerId, value: event.value },
      identifier: event.identifier,
      timestamp: Math.floor(event.occurredAt.getTime() / 1000),
    });
    return 'sent';
  } catch (error) {
    if (isDuplicateMeterEvent(error)) return 'already_sent';
    throw error;
  }
}
