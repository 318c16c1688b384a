import type { ServerResponse } from 'node:http';
import { DATABASE_RETRY_AFTER_SECONDS } from '@/db/errors';

const TEXT = 'The portal is briefly unavailable. Try again in a few seconds.';

// Headers of Next's error page that describe its body, which is replaced.
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'transfer-encoding', 'etag', 'cache-control'];

type Write = ServerResponse['write'];
type End = ServerResponse['end'];

/**
 * Next answers any error a page or server action throws with a 500 of its own. When the request
 * ran into an unreachable database (`databaseUnavailable`), that answer becomes a 503 with
 * Retry-After and a sentence saying to try again: a load balancer or a person retries, and no
 * alert for a bug goes off. Any other answer passes untouched.
 */
export function answerDatabaseOutageWith503(res: ServerResponse, databaseUnavailable: () => boolean): void {
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let replaced = false;

  res.writeHead = ((status: number, ...rest: unknown[]) => {
    // 500 only: a 503 of the admin API or readiness already says what it should.
    if (status !== 500 || !databaseUnavailable()) return writeHead(status, ...rest);
    replaced = true;
    for (const name of BODY_HEADERS) res.removeHeader(name);
    // Next sets the status again after the fact on some paths; the log and the metrics should see what was sent.
    Object.defineProperty(res, 'statusCode', { get: () => 503, set: () => {}, configurable: true });
    return writeHead(503, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(Buffer.byteLength(TEXT)),
      'cache-control': 'no-store',
      'retry-after': String(DATABASE_RETRY_AFTER_SECONDS),
    });
  }) as ServerResponse['writeHead'];

  // Decide the status before the first byte of the body: node would otherwise send the headers itself.
  const decide = () => {
    if (!res.headersSent) res.writeHead(res.statusCode);
  };
  res.write = ((...args: unknown[]) => {
    decide();
    return replaced ? true : write(...args);
  }) as Write;
  res.end = ((...args: unknown[]) => {
    decide();
    if (!replaced) return end(...args);
    const callback = args.find((arg) => typeof arg === 'function');
    return end(TEXT, callback);
  }) as End;
}
