import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import Negotiator from 'negotiator';
import { isBot } from 'next/dist/shared/lib/router/utils/is-bot.js';
import { negotiateLocale } from '@/lib/i18n/locales';
import { countPageCacheLookup } from '@/lib/observability/metrics';
import { newNonce, securityHeaders } from './security-headers';

/**
 * The sign-in page, as a visitor without cookies and without a query string sees it, is the same
 * for everyone who asks in the same language: only its CSP nonce differs (proxy.ts). Rendering it
 * costs some 17 ms of CPU; this keeps the rendered page for a few seconds and hands out copies
 * with a fresh nonce in the header and the body. A change that shows on the page (a setting, a new
 * build) shows after at most TTL_MS.
 *
 * Nothing per visitor may appear on a cached page: any request with a cookie, an Authorization
 * header, a query or a header of Next's client router is rendered as usual and never stored. So is
 * a crawler's: Next renders pages for bots differently (metadata in <head> instead of streamed).
 */
const CACHED_PATHS = new Set(['/login']);
const TTL_MS = 10_000;

// Headers that say the request is not a first visit by a signed-out browser, or carries a body.
const PERSONAL_HEADERS = [
  'cookie',
  'authorization',
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-url',
  'next-action',
  'content-length',
  'transfer-encoding',
];
// What a copy repeats of the rendered response's headers: its type, caching and the security
// headers of proxy.ts. Anything else (dates, ids, validators, encodings) belongs to that one response.
const REPLAYED_HEADERS = new Set([
  'content-type',
  'cache-control',
  'vary',
  'link',
  ...Object.keys(securityHeaders('nonce', true)).map((name) => name.toLowerCase()),
]);

type Entry = {
  /** The body split at every occurrence of the nonce it was rendered with. */
  parts: string[];
  headers: [string, string[]][];
  nonce: string;
  expires: number;
};

export class PageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Answers `req` from the cache and returns true; or, when the page may be cached but is not,
   * arranges for Next's answer to be stored, and returns false; or returns false and does nothing.
   */
  answerOrRecord(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const key = this.keyOf(req, path);
    if (!key) return false;
    const entry = this.entries.get(key);
    if (entry && entry.expires > this.now()) {
      countPageCacheLookup('hit');
      sendCopy(req, res, entry);
      return true;
    }
    countPageCacheLookup('miss');
    // Rendered uncompressed so the body can be stored; copies are compressed for their requests.
    delete req.headers['accept-encoding'];
    record(res, (stored) => this.entries.set(key, { ...stored, expires: this.now() + TTL_MS }));
    return false;
  }

  private keyOf(req: IncomingMessage, path: string): string | null {
    if (req.method !== 'GET' && req.method !== 'HEAD') return null;
    if (!CACHED_PATHS.has(path) || req.url !== path) return null;
    if (PERSONAL_HEADERS.some((name) => req.headers[name] !== undefined)) return null;
    if (isBot(req.headers['user-agent'] ?? '')) return null;
    // The language, as lib/i18n/request.ts would choose it for a request without cookie or query.
    return `${path} ${negotiateLocale({ acceptLanguage: req.headers['accept-language'] })}`;
  }
}

function sendCopy(req: IncomingMessage, res: ServerResponse, entry: Entry): void {
  const nonce = newNonce();
  for (const [name, values] of entry.headers) {
    if (!res.hasHeader(name)) res.setHeader(name, values.map((value) => value.replaceAll(entry.nonce, nonce)));
  }
  let body = Buffer.from(entry.parts.join(nonce));
  if (new Negotiator(req).encoding(['gzip', 'identity']) === 'gzip') {
    body = gzipSync(body);
    res.setHeader('content-encoding', 'gzip');
  }
  res.setHeader('content-length', body.length);
  res.writeHead(200);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Collects what is written to `res`; hands it to `store` if it is a whole, uncompressed, cookie-free
 * 200 page with a nonce and without an error rendered in place of a part (React's `data-dgst`).
 * Headers Next passes to writeHead() are in getHeaders() only because trackRequest set one before.
 */
function record(res: ServerResponse, store: (entry: Omit<Entry, 'expires'>) => void): void {
  const chunks: Buffer[] = [];
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((...args: unknown[]) => {
    collect(args[0], args[1]);
    return write(...args);
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') collect(args[0], args[1]);
    return end(...args);
  }) as ServerResponse['end'];

  res.once('finish', () => {
    const csp = String(res.getHeader('content-security-policy') ?? '');
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    const type = String(res.getHeader('content-type') ?? '');
    if (res.statusCode !== 200 || !nonce || !type.startsWith('text/html')) return;
    if (res.hasHeader('set-cookie') || res.hasHeader('content-encoding')) return;
    const body = Buffer.concat(chunks).toString('utf8');
    if (!body.trimEnd().endsWith('</html>') || body.includes('data-dgst=')) return;
    const parts = body.split(nonce);
    if (parts.length < 2) return;
    const headers = Object.entries(res.getHeaders())
      .filter(([name]) => REPLAYED_HEADERS.has(name))
      .map(([name, value]): [string, string[]] => [name, Array.isArray(value) ? value : [String(value)]]);
    store({ parts, headers, nonce });
  });
}
