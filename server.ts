import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { closeDb, shareEmbeddedDatabase } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { config, ConfigError } from '@/lib/config';
import { machineRoutes, type MachineRoute } from '@/lib/http/machine-routes';
import { tooLarge as tooLargeForApi } from '@/lib/api/body';
import { drainMailQueue } from '@/lib/mail/queue';
import { BODY_LIMITS, BodyTooLarge, declaredOver } from '@/lib/http/body';
import {
  answerAfterDrainingBody,
  rawFromProtocol,
  sendProtocolResponse,
  sendRaw,
  toProtocolRequest,
  toRawResponse,
  toWebRequest,
  type RawResponse,
} from '@/lib/http/node-bridge';
import { errorResult, InvalidRequest } from '@/lib/oidc/errors';
import { startClaimsListener } from '@/lib/claims/listener';
import { ensureSigningKeys } from '@/lib/oidc/keys';
import { purgeExpired } from '@/lib/maintenance';
import { prepareSetupLink } from '@/lib/platform/setup';
import { startUsageExport } from '@/lib/consumption/stripe-export';
import { logger } from '@/lib/observability/logger';
import { startProcessMetrics } from '@/lib/observability/metrics';
import { serveMetricsWithToken, startMetricsServer } from '@/lib/observability/metrics-endpoint';
import { trackRequest } from '@/lib/observability/request-log';

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

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
  if (Object.hasOwn(machineRoutes, path)) return rawFromProtocol(errorResult(new InvalidRequest('Request body is too large.'), path));
  const text = 'The form you sent is too large. Go back and shorten what you typed.';
  return { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(text) };
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
  await migrateDatabase();
  await ensureSigningKeys();
  const stopSharing = await shareEmbeddedDatabase();
  const stopClaimsListener = await startClaimsListener();

  const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port: cfg.port });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();

  // DIRECT_ROUTES=false sends everything through Next (the benchmark's peer).
  const routes = new Map(process.env.DIRECT_ROUTES === 'false' ? [] : Object.entries(machineRoutes));
  const origin = new URL(cfg.publicUrl).origin;
  startProcessMetrics();
  const metricsServer = cfg.metrics.port ? await startMetricsServer(cfg.metrics.port) : undefined;
  const server = createServer(async (req, res) => {
    pinClientAddress(req, cfg.trustProxy);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    trackRequest(req, res, path);
    if (path === '/metrics') return serveMetricsWithToken(req, res, cfg.metrics.token);
    const route = routes.get(path);
    if (!route) {
      if (!declaredOver(req.headers['content-length'], BODY_LIMITS.nextRequest)) return handleWithNext(req, res);
      return answerAfterDrainingBody(req, res, tooLargeAnswer(path));
    }
    try {
      await serveMachineRoute(route, req, res, origin);
    } catch (err) {
      if (res.headersSent) return void logger().error({ err, path, requestId: req.headers['x-request-id'] }, 'unhandled error after the response started');
      sendRaw(res, err instanceof BodyTooLarge ? tooLargeAnswer(path) : rawFromProtocol(errorResult(err, path)));
    }
  });

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

  const purge = setInterval(() => purgeExpired().catch((err: unknown) => logger().error({ err }, 'purge failed')), PURGE_INTERVAL_MS);
  purge.unref();
  const stopUsageExport = startUsageExport();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger().info(`${signal} received, stopping`);
    server.close();
    server.closeAllConnections();
    metricsServer?.close();
    await stopClaimsListener();
    await stopUsageExport();
    await drainMailQueue();
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
