import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import next from 'next';
import { closeDb, shareEmbeddedDatabase } from '@/db';
import { databaseScope } from '@/db/availability';
import { migrateDatabase } from '@/db/migrate';
import { config, ConfigError } from '@/lib/config';
import { machineRoutes, type MachineRoute } from '@/lib/http/machine-routes';
import { tooLarge as tooLargeForApi } from '@/lib/api/body';
import { drainMailQueue } from '@/lib/mail/queue';
import { startMailRetries } from '@/lib/mail/retry';
import { BODY_LIMITS, BodyTooLarge, declaredOver } from '@/lib/http/body';
import { answerDatabaseOutageWith503 } from '@/lib/http/database-outage';
import { gracefulShutdown } from '@/lib/http/graceful-shutdown';
import { holdBody, isParsableMultipart } from '@/lib/http/held-body';
import { hasBrokenRouterState } from '@/lib/http/next-headers';
import { PageCache } from '@/lib/http/page-cache';
import { isServedMethod, methodNotAllowed, METHOD_NOT_ALLOWED_RAW } from '@/lib/http/methods';
import {
  answerWithoutReadingBody,
  rawFromProtocol,
  sendProtocolResponse,
  sendRaw,
  toProtocolRequest,
  toRawResponse,
  toWebRequest,
  type RawResponse,
} from '@/lib/http/node-bridge';
import { errorResult, RequestBodyTooLarge } from '@/lib/oidc/errors';
import { startClaimsListener } from '@/lib/claims/listener';
import { ensureSigningKeys } from '@/lib/oidc/keys';
import { purgeExpiredOnce, PURGE_INTERVAL_MS } from '@/lib/maintenance';
import { connectRateLimitStore } from '@/lib/auth/rate-limit';
import { prepareSetupLink } from '@/lib/platform/setup';
import { startUsageExport } from '@/lib/consumption/stripe-export';
import { logger } from '@/lib/observability/logger';
import { startProcessMetrics } from '@/lib/observability/metrics';
import { serveMetricsWithToken, startMetricsServer } from '@/lib/observability/metrics-endpoint';
import { trackRequest } from '@/lib/observability/request-log';

/**
 * The answer to a body too large to read, in the shape of the endpoint it was sent to, whichever
 * mount serves it: the admin API's (as lib/api/body.ts answers), the protocol endpoints' (as
 * lib/oidc/request.ts answers), or a sentence for a page's form.
 */
function tooLargeAnswer(path: string): RawResponse {
  if (path.startsWith('/api/')) {
    const { code, message } = tooLargeForApi();
    return { status: 413, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ error: code, message })) };
  }
  if (Object.hasOwn(machineRoutes, path)) return rawFromProtocol(errorResult(new RequestBodyTooLarge(), path));
  const text = 'The form you sent is too large. Go back and shorten what you typed.';
  return { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(text) };
}

/** The answer to a request Next could not read (a multipart body, a router-state header), in the shape of the path's audience. */
function unreadableAnswer(path: string, message: string): RawResponse {
  if (path.startsWith('/api/')) {
    return { status: 400, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ error: 'invalid_request', message })) };
  }
  return { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(message) };
}

/**
 * Hands a request to Next once its body, if any, has arrived whole and within the limit (whatever
 * Content-Length said) and, when multipart, parses. Must be called in the turn of the 'request' event.
 */
async function forwardToNext(req: IncomingMessage, res: ServerResponse, path: string, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  if (declaredOver(req.headers['content-length'], BODY_LIMITS.nextRequest)) return answerWithoutReadingBody(req, res, tooLargeAnswer(path));
  if (hasBrokenRouterState(req.headers)) return answerWithoutReadingBody(req, res, unreadableAnswer(path, 'The router state header could not be read.'));
  if (req.method === 'GET' || req.method === 'HEAD') return handle(req, res);
  const held = await holdBody(req, BODY_LIMITS.nextRequest);
  if (!held.ok) return held.reason === 'too-large' ? answerWithoutReadingBody(req, res, tooLargeAnswer(path)) : undefined;
  const type = req.headers['content-type'] ?? '';
  if (/^multipart\/form-data/i.test(type) && !(await isParsableMultipart(type, held.body))) return sendRaw(res, unreadableAnswer(path, 'The form data could not be read.'));
  held.release();
  return handle(req, res);
}

async function serveMachineRoute(route: MachineRoute, req: IncomingMessage, res: ServerResponse, origin: string) {
  const head = req.method === 'HEAD';
  if (route.document && (req.method === 'GET' || head)) {
    return sendRaw(res, { status: 200, ...(await route.document()) }, head);
  }
  if (route.serve) return sendProtocolResponse(res, await route.serve(toProtocolRequest(req, origin)), head);
  sendRaw(res, await toRawResponse(await route.handle(await toWebRequest(req, origin))), head);
}

function loadConfig() {
  try {
    return config();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/** Without TRUST_PROXY a client could name any address in X-Forwarded-For and dodge rate limits. */
function pinClientAddress(req: IncomingMessage, trustProxy: boolean) {
  if (trustProxy && req.headers['x-forwarded-for']) return;
  req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
}

async function main() {
  const cfg = loadConfig();
  const startedAt = Date.now();
  // Each of these is safe when several instances start at once (lib/maintenance.ts, db/advisory-lock.ts).
  await migrateDatabase();
  await ensureSigningKeys();
  const purgeIfDue = () => purgeExpiredOnce().catch((err: unknown) => void logger().error({ err }, 'purge failed'));
  // At start-up too: after a long stop the tables are cleaned now, not an hour later.
  await purgeIfDue();
  await connectRateLimitStore();
  const stopSharing = await shareEmbeddedDatabase();
  const stopClaimsListener = await startClaimsListener();

  const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port: cfg.port });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();

  // DIRECT_ROUTES=false sends everything through Next (the benchmark's peer).
  const routes = new Map(process.env.DIRECT_ROUTES === 'false' ? [] : Object.entries(machineRoutes));
  const origin = new URL(cfg.publicUrl).origin;
  const pageCache = new PageCache();
  startProcessMetrics();
  const metricsServer = cfg.metrics.port ? await startMetricsServer(cfg.metrics.port) : undefined;
  const { headersMs, requestMs, keepAliveMs } = cfg.httpTimeouts;
  const serverOptions = {
    headersTimeout: headersMs,
    requestTimeout: requestMs,
    keepAliveTimeout: keepAliveMs,
    // How often node checks the two timeouts above (its default, 30 s, would let them overrun).
    connectionsCheckingInterval: Math.min(1000, headersMs),
  };
  const server = createServer(serverOptions, async (req, res) => {
    pinClientAddress(req, cfg.trustProxy);
    const path = (req.url ?? '/').split('?')[0] || '/';
    trackRequest(req, res, path);
    if (!isServedMethod(req.method)) return answerWithoutReadingBody(req, res, methodNotAllowed(path));
    if (path === '/metrics') return serveMetricsWithToken(req, res, cfg.metrics.token);
    const route = routes.get(path);
    if (!route) {
      if (pageCache.answerOrRecord(req, res, path)) return;
      const scope = databaseScope();
      answerDatabaseOutageWith503(res, scope.databaseUnavailable);
      return scope.run(() => forwardToNext(req, res, path, handleWithNext));
    }
    try {
      await serveMachineRoute(route, req, res, origin);
    } catch (err) {
      if (res.headersSent) return void logger().error({ err, path, requestId: req.headers['x-request-id'] }, 'unhandled error after the response started');
      sendRaw(res, err instanceof BodyTooLarge ? tooLargeAnswer(path) : rawFromProtocol(errorResult(err, path)));
    }
  });

  const shutdown = gracefulShutdown(server);
  // Without a listener node drops CONNECT connections without a word; no proxying happens here.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => socket.end(METHOD_NOT_ALLOWED_RAW));

  await new Promise<void>((resolve) => server.listen(cfg.port, cfg.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : cfg.port;
  const url = cfg.publicUrl.replace(`:${cfg.port}`, `:${port}`);
  const mode = cfg.databaseUrl ? 'PostgreSQL' : `embedded database in ${cfg.dataDir}`;
  logger().info(`Auth Portal is ready at ${url} (${mode}, started in ${Date.now() - startedAt} ms)`);
  if (metricsServer) logger().info(`Metrics on http://127.0.0.1:${cfg.metrics.port}/metrics`);

  const setupLink = await prepareSetupLink();
  if (setupLink) {
    console.log(`No platform administrator yet. Open this one-time link to become one:\n  ${setupLink}`);
  }

  const purge = setInterval(purgeIfDue, PURGE_INTERVAL_MS);
  purge.unref();
  const stopUsageExport = startUsageExport();
  const stopMailRetries = startMailRetries();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger().info(`${signal} received, stopping`);
    metricsServer?.close();
    if (!(await shutdown.drain(cfg.shutdownTimeoutMs))) {
      logger().warn(`Requests still running after SHUTDOWN_TIMEOUT (${cfg.shutdownTimeoutMs / 1000} s) were cut`);
    }
    await stopClaimsListener();
    await stopUsageExport();
    await drainMailQueue();
    await stopMailRetries();
    await stopSharing();
    await closeDb();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
