import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { bearerTokenFrom } from '@/lib/http/bearer';
import { logger } from './logger';
import { metricsExposition } from './metrics';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Compared as SHA-256 digests: equal lengths for timingSafeEqual, and no length leaked. */
function isMetricsToken(presented: string | null, expected: string): boolean {
  return presented !== null && timingSafeEqual(digest(presented), digest(expected));
}

function answer(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** Never rejects: an exposition that cannot be collected is answered 500 and logged. */
async function sendMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'Use GET.\n', { allow: 'GET, HEAD' });
  try {
    const { contentType, body } = await metricsExposition();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (err) {
    logger().error({ err, requestId: req.headers['x-request-id'] }, 'metrics could not be collected');
    if (!res.headersSent) answer(res, 500, 'Metrics could not be collected.\n');
  }
}

/**
 * GET /metrics on the public port: only with METRICS_TOKEN as a bearer token. Without a token
 * configured the path does not exist here (METRICS_PORT, if set, serves it on loopback instead).
 */
export async function serveMetricsWithToken(req: IncomingMessage, res: ServerResponse, token: string | undefined): Promise<void> {
  if (!token) return answer(res, 404, 'Not found.\n');
  if (!isMetricsToken(bearerTokenFrom(req.headers.authorization), token)) {
    return answer(res, 401, 'A valid bearer token is required.\n', { 'www-authenticate': 'Bearer realm="metrics"' });
  }
  await sendMetrics(req, res);
}

/** METRICS_PORT: /metrics with no token, on 127.0.0.1 only, for a scraper on the same host or pod. */
export async function startMetricsServer(port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] !== '/metrics') return answer(res, 404, 'Not found.\n');
    void sendMetrics(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}
