import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findRoute } from './stripe-stand-in/api';
import type { WebhookDelivery } from './stripe-stand-in/events';
import type { FormParams } from './stripe-stand-in/form-body';
import { list, parseFormBody } from './stripe-stand-in/form-body';
import type { StripeObject } from './stripe-stand-in/objects';
import { StandInError } from './stripe-stand-in/objects';
import { browserPage } from './stripe-stand-in/pages';
import { StripeState } from './stripe-stand-in/state';

export { signedWebhook, stripeEvent, TEST_STRIPE_WEBHOOK_SECRET } from './stripe-stand-in/events';
export type { StripeEventPayload, WebhookDelivery } from './stripe-stand-in/events';
export type { FailureMode, MeterEvent } from './stripe-stand-in/meter-events';

export const TEST_STRIPE_SECRET_KEY = 'sk_test_standin';

export type RecordedRequest = { method: string; path: string; params: FormParams; idempotencyKey?: string; status: number };

export type StripeStandIn = {
  url: string;
  stop(): Promise<void>;
  /** API calls in the order they arrived (not the browser pages). */
  requests(): RecordedRequest[];
  /** Webhook deliveries with the status the target answered (0 when it could not be reached). */
  deliveries(): WebhookDelivery[];
  /** Resolves once every webhook queued so far has been delivered. */
  webhooksSettled(): Promise<void>;
};

/** Other processes (test workers, Playwright specs) read what happened here. */
export const STAND_IN_REQUESTS_PATH = '/__standin/requests';
export const STAND_IN_DELIVERIES_PATH = '/__standin/deliveries';
/** GET: the billing meter events received (each identifier once), in the order they came. */
export const STAND_IN_METER_EVENTS_PATH = '/__standin/meter-events';
/** POST `count=N[&mode=before|after]`: the next N meter event requests answer 500 (after: the event is kept, the answer lost). */
export const STAND_IN_METER_EVENT_FAILURES_PATH = '/__standin/meter-events/failures';
const METER_EVENTS_API_PATH = '/v1/billing/meter_events';
/** POST `status=past_due` here to change a subscription as a failed renewal would, without an event (the test posts its own). */
export const standInSubscriptionStatusPath = (subscriptionId: string) => `/__standin/subscriptions/${encodeURIComponent(subscriptionId)}/status`;
const SUBSCRIPTION_STATUS_PATH = /^\/__standin\/subscriptions\/([^/]+)\/status$/;
const SUBSCRIPTION_STATUSES = ['active', 'canceled', 'past_due', 'trialing', 'incomplete'] as const;

type Answer = { status: number; body: unknown; replayed?: boolean };

/**
 * A Stripe API on loopback for tests: the real SDK talks to it through `host`/`port`/`protocol`,
 * a browser pays on its checkout page, and it posts signed events to the portal that asked.
 */
export async function startStripeStandIn({ secretKey = TEST_STRIPE_SECRET_KEY } = {}): Promise<StripeStandIn> {
  const recorded: RecordedRequest[] = [];
  const idempotent = new Map<string, { fingerprint: string; answer: Answer }>();
  const state = new StripeState();

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      send(res, { status: 500, body: { error: { type: 'api_error', message: err instanceof Error ? err.message : String(err) } } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    if (method === 'GET' && url.pathname === STAND_IN_REQUESTS_PATH) return send(res, { status: 200, body: recorded });
    if (method === 'GET' && url.pathname === STAND_IN_DELIVERIES_PATH) {
      await state.webhooks.idle();
      return send(res, { status: 200, body: state.webhooks.deliveries });
    }
    if (method === 'GET' && url.pathname === STAND_IN_METER_EVENTS_PATH) return send(res, { status: 200, body: state.meterEvents.received });
    if (method === 'POST' && url.pathname === STAND_IN_METER_EVENT_FAILURES_PATH) return send(res, injectMeterEventFailures(state, new URLSearchParams(body)));
    const statusChange = method === 'POST' ? SUBSCRIPTION_STATUS_PATH.exec(url.pathname) : null;
    if (statusChange) return send(res, changeSubscriptionStatus(state, decodeURIComponent(statusChange[1]!), new URLSearchParams(body).get('status')));
    if (!url.pathname.startsWith('/v1/')) {
      const answer = await browserPage(state, method, url.pathname, new URLSearchParams(body));
      if (!answer) return send(res, notFound(method, url.pathname));
      res.writeHead(answer.status, answer.location ? { location: answer.location } : { 'content-type': 'text/html; charset=utf-8' });
      res.end(answer.html ?? '');
      return;
    }
    const params = parseFormBody(method === 'GET' || method === 'DELETE' ? url.search.slice(1) : body);
    const idempotencyKey = header(req, 'idempotency-key');
    const answer = authorized(req, secretKey) ?? replay(idempotencyKey, method, url.pathname, body) ?? callApiOrFail(state, method, url.pathname, params);
    if (idempotencyKey && !answer.replayed && answer.status < 500 && answer.status !== 401) {
      idempotent.set(idempotencyKey, { fingerprint: `${method} ${url.pathname} ${body}`, answer });
    }
    recorded.push({ method, path: url.pathname, params, ...(idempotencyKey ? { idempotencyKey } : {}), status: answer.status });
    send(res, answer);
  }

  function replay(key: string | undefined, method: string, path: string, body: string): Answer | undefined {
    const earlier = key ? idempotent.get(key) : undefined;
    if (!earlier) return undefined;
    if (earlier.fingerprint !== `${method} ${path} ${body}`) {
      return errorAnswer(new StandInError(400, `Keys for idempotent requests can only be used with the same parameters they were first used with.`, { type: 'idempotency_error' }));
    }
    return { ...earlier.answer, replayed: true };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.baseUrl = url;
  const settled = state.webhooks;
  return {
    url,
    requests: () => [...recorded],
    deliveries: () => [...settled.deliveries],
    webhooksSettled: () => settled.idle(),
    stop: async () => {
      await settled.idle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function callApi(state: StripeState, method: string, path: string, params: FormParams): Answer {
  const found = findRoute(method, path);
  if (!found) return notFound(method, path);
  try {
    const result = found.handler(state, params, found.id);
    const expand = list(params, 'expand').filter((p): p is string => typeof p === 'string');
    const body = isList(result) ? result : state.expand(result as StripeObject, expand);
    return { status: 200, body: JSON.parse(JSON.stringify(body)) as unknown };
  } catch (err) {
    if (err instanceof StandInError) return errorAnswer(err);
    throw err;
  }
}

/** An injected failure answers 500 like an outage; in mode `after` the event is kept first, as if the answer were lost. */
function callApiOrFail(state: StripeState, method: string, path: string, params: FormParams): Answer {
  const failure = method === 'POST' && path === METER_EVENTS_API_PATH ? state.meterEvents.takeFailure() : null;
  if (!failure) return callApi(state, method, path, params);
  if (failure === 'after') callApi(state, method, path, params);
  return { status: 500, body: { error: { type: 'api_error', message: 'An injected failure of the Stripe stand-in.' } } };
}

function injectMeterEventFailures(state: StripeState, form: URLSearchParams): Answer {
  const count = Number(form.get('count'));
  const mode = form.get('mode') ?? 'before';
  if (!Number.isInteger(count) || count < 0 || (mode !== 'before' && mode !== 'after')) {
    return errorAnswer(new StandInError(400, 'count must be a whole number of requests, mode before or after'));
  }
  state.meterEvents.failNext(count, mode);
  return { status: 200, body: { count, mode } };
}

function changeSubscriptionStatus(state: StripeState, id: string, status: string | null): Answer {
  const sub = state.find('subscription', id);
  if (!sub) return notFound('POST', standInSubscriptionStatusPath(id));
  const known = SUBSCRIPTION_STATUSES.find((s) => s === status);
  if (!known) return errorAnswer(new StandInError(400, `status must be one of ${SUBSCRIPTION_STATUSES.join(', ')}`));
  sub.status = known;
  return { status: 200, body: state.render(sub) };
}

function isList(result: object): boolean {
  return (result as { object?: unknown }).object === 'list';
}

function authorized(req: IncomingMessage, secretKey: string): Answer | undefined {
  const given = header(req, 'authorization')?.replace(/^Bearer\s+/i, '');
  if (given === secretKey) return undefined;
  const hint = given ? `Invalid API Key provided: ${given.slice(0, 8)}…` : 'You did not provide an API key.';
  return errorAnswer(new StandInError(401, hint));
}

function notFound(method: string, path: string): Answer {
  return errorAnswer(new StandInError(404, `Unrecognized request URL (${method}: ${path}).`));
}

function errorAnswer(err: StandInError): Answer {
  return { status: err.status, body: err.toJSON() };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, answer: Answer): void {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': `req_${Date.now().toString(36)}` };
  if (answer.replayed) headers['idempotent-replayed'] = 'true';
  res.writeHead(answer.status, headers);
  res.end(JSON.stringify(answer.body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
