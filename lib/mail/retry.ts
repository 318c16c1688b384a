import { config } from '@/lib/config';
import { claimDueDeliveries, deliveryFailed, deliverySucceeded, dropExpiredDeliveries } from './deliveries';
import { sendBySmtp } from './transport';

const ROUND_MS = 5_000;

/** One round: every due delivery is tried once more. */
export async function retryDueMails(): Promise<void> {
  const { smtpUrl } = config();
  if (!smtpUrl) return;
  const dropped = await dropExpiredDeliveries();
  if (dropped > 0) console.error(`[mail] gave up on ${dropped} mail(s) that could not be sent within 24 hours`);
  for (const delivery of await claimDueDeliveries()) {
    try {
      await sendBySmtp(smtpUrl, delivery);
      await deliverySucceeded(delivery.id);
    } catch (err) {
      await deliveryFailed(delivery.id, delivery.attempts + 1, err);
    }
  }
}

/** Retries mails the SMTP server did not take, every 5 seconds (each at its own backoff); returns the stop. */
export function startMailRetries(): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => retryDueMails()).catch((err: unknown) => console.error('[mail] retry round failed:', err));
  }, ROUND_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
