import type { FormParams } from './form-body';
import { nested, text } from './form-body';
import { nowSeconds } from './events';
import { requiredText, StandInError } from './objects';

export type MeterEvent = {
  object: 'billing.meter_event';
  created: number;
  event_name: string;
  identifier: string;
  livemode: false;
  payload: Record<string, string>;
  timestamp: number;
};

/** How an injected failure behaves: refused before anything is kept, or kept and the answer lost. */
export type FailureMode = 'before' | 'after';

const MAX_PAST_SECONDS = 35 * 24 * 60 * 60;
const MAX_FUTURE_SECONDS = 5 * 60;

/**
 * Billing meter events as Stripe's v1 API takes them (POST /v1/billing/meter_events): an
 * identifier already received is refused with 400 invalid_request_error "An event already exists
 * with identifier …" (as Stripe answers, without an error code), and a test can make the next
 * requests fail with 500.
 */
export class MeterEventLog {
  readonly received: MeterEvent[] = [];
  private failures = 0;
  private failureMode: FailureMode = 'before';

  create(params: FormParams, customerExists: (id: string) => boolean): MeterEvent {
    const eventName = requiredText(params, 'event_name');
    const payload = nested(params, 'payload');
    const customer = payload && text(payload, 'stripe_customer_id');
    const value = payload && text(payload, 'value');
    if (!customer) throw new StandInError(400, 'Missing required param: payload[stripe_customer_id].', { code: 'parameter_missing', param: 'payload' });
    if (!customerExists(customer)) throw new StandInError(400, `No such customer: '${customer}'`, { code: 'resource_missing', param: 'payload[stripe_customer_id]' });
    if (value === undefined || !/^\d+(\.\d+)?$/.test(value)) {
      throw new StandInError(400, 'The value of a meter event must be a non-negative number.', { param: 'payload[value]' });
    }
    const now = nowSeconds();
    const timestamp = text(params, 'timestamp') === undefined ? now : Number(text(params, 'timestamp'));
    if (!Number.isInteger(timestamp) || timestamp < now - MAX_PAST_SECONDS || timestamp > now + MAX_FUTURE_SECONDS) {
      throw new StandInError(400, 'Timestamp must be within the past 35 calendar days or up to 5 minutes in the future.', { param: 'timestamp' });
    }
    const identifier = text(params, 'identifier') ?? `mev_${now}_${this.received.length}`;
    if (identifier.length > 100) throw new StandInError(400, 'Invalid identifier: must be at most 100 characters', { param: 'identifier' });
    if (this.received.some((e) => e.identifier === identifier)) throw new StandInError(400, `An event already exists with identifier ${identifier}.`);
    const event: MeterEvent = { object: 'billing.meter_event', created: now, event_name: eventName, identifier, livemode: false, payload: { ...(payload as Record<string, string>) }, timestamp };
    this.received.push(event);
    return event;
  }

  failNext(count: number, mode: FailureMode): void {
    this.failures = count;
    this.failureMode = mode;
  }

  /** Whether this request is one of the injected failures, and how it fails. */
  takeFailure(): FailureMode | null {
    if (this.failures <= 0) return null;
    this.failures--;
    return this.failureMode;
  }
}
