import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

export const TEST_STRIPE_WEBHOOK_SECRET = 'whsec_standin_test';

export type StripeEventPayload = {
  id: string;
  object: 'event';
  type: string;
  created: number;
  data: { object: object };
  api_version: string;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
};

export type WebhookDelivery = { eventId: string; type: string; target: string; status: number; error?: string };

export function stripeId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, '0')}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** An event as Stripe sends it to a webhook endpoint, for tests that post events themselves. */
export function stripeEvent(type: string, object: object, created = nowSeconds()): StripeEventPayload {
  return {
    id: stripeId('evt'),
    object: 'event',
    type,
    created,
    data: { object },
    api_version: Stripe.API_VERSION,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
}

/** The body and headers Stripe would post for `event`, signed with `secret` (pass another to test rejection). */
export function signedWebhook(event: object, secret = TEST_STRIPE_WEBHOOK_SECRET): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(event);
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret }),
    },
  };
}

/**
 * Sends events one after another, each awaited before the next, like Stripe's ordered retries would
 * look to a healthy endpoint. Event `created` times strictly increase so a portal ordering by them
 * sees the order in which they were sent.
 */
export class WebhookSender {
  private lastCreated = 0;
  private queue: Promise<void> = Promise.resolve();
  readonly deliveries: WebhookDelivery[] = [];

  event(type: string, object: object): StripeEventPayload {
    this.lastCreated = Math.max(nowSeconds(), this.lastCreated + 1);
    return stripeEvent(type, structuredClone(object), this.lastCreated);
  }

  /** Queues the events behind any earlier ones; resolves once these have been delivered. */
  send(target: string | undefined, events: StripeEventPayload[]): Promise<void> {
    if (!target) return this.queue;
    this.queue = this.queue.then(async () => {
      for (const event of events) await this.deliver(target, event);
    });
    return this.queue;
  }

  /** Resolves when every queued delivery has finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  private async deliver(target: string, event: StripeEventPayload): Promise<void> {
    const { body, headers } = signedWebhook(event);
    const record: WebhookDelivery = { eventId: event.id, type: event.type, target, status: 0 };
    try {
      const res = await fetch(target, { method: 'POST', body, headers, signal: AbortSignal.timeout(30_000) });
      record.status = res.status;
      await res.arrayBuffer();
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
    }
    this.deliveries.push(record);
  }
}
