import { config } from '@/lib/config';
import { BODY_LIMITS, BodyTooLarge, readBody } from '@/lib/http/body';
import { WebhookSignatureError } from './stripe';
import { handleStripeWebhook } from './webhook';

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/**
 * POST /api/webhooks/stripe. 400 for a missing or wrong signature (nothing changed); 200 for
 * every signed event, handled or not, so Stripe stops resending it; 5xx only when the change
 * could not be stored, so that Stripe retries.
 */
export async function stripeWebhookEndpoint(req: Request): Promise<Response> {
  const secret = config().stripe?.webhookSecret;
  if (!secret) return json(503, { error: 'billing_disabled', message: 'Stripe billing is not configured on this portal.' });
  let payload: string;
  try {
    payload = Buffer.from(await readBody(req.body, req.headers.get('content-length'), BODY_LIMITS.machineRequest)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLarge) return json(413, { error: 'payload_too_large', message: error.message });
    throw error;
  }
  try {
    const outcome = await handleStripeWebhook(payload, req.headers.get('stripe-signature'), secret);
    return json(200, { received: true, outcome });
  } catch (error) {
    if (error instanceof WebhookSignatureError) return json(400, { error: 'invalid_signature', message: error.message });
    console.error('Stripe webhook failed:', error);
    return json(500, { error: 'server_error', message: 'The event could not be processed; Stripe will retry it.' });
  }
}
