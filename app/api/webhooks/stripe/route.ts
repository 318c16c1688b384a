// Stripe reads the raw body for its signature, so the handler gets the request as it came.
export { stripeWebhookEndpoint as POST } from '@/lib/billing/webhook-endpoint';
export const dynamic = 'force-dynamic';
