import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PageCache } from './page-cache';

// The cache in front of a stand-in for Next on a real HTTP server: the stand-in renders a page
// with a fresh nonce each time, as Next does behind proxy.ts, and counts its renders.
type Render = (req: IncomingMessage, res: ServerResponse, nonce: string) => void;

const page = (nonce: string, extra = '') => `<!DOCTYPE html><html><head><script nonce="${nonce}">1</script></head><body>${extra}</body></html>`;

const wholePage: Render = (_req, res, nonce) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'private, no-store');
  res.setHeader('etag', '"v1"');
  res.write(page(nonce).slice(0, 40));
  res.end(page(nonce).slice(40));
};

let server: Server;
let url: string;
let renders: number;
let render: Render;
let now: number;

beforeEach(async () => {
  renders = 0;
  render = wholePage;
  now = 0;
  const cache = new PageCache(() => now);
  server = createServer((req, res) => {
    res.setHeader('x-request-id', String(Math.random()));
    if (cache.answerOrRecord(req, res, (req.url ?? '/').split('?')[0]!)) return;
    renders++;
    const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
    res.setHeader('content-security-policy', `script-src 'nonce-${nonce}'`);
    render(req, res, nonce);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function visit(path = '/login', headers: Record<string, string> = {}) {
  const res = await fetch(url + path, { headers });
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
  return { res, nonce, html: await res.text() };
}

/** A GET with a body (fetch will not send one). */
function getWithBody(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url + path, { method: 'GET', headers: { 'content-length': '1' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end('x');
  });
}

describe('PageCache', () => {
  it('renders once, then hands out copies with their own nonce until the entry is 10 s old', async () => {
    const first = await visit();
    const second = await visit();
    expect(renders).toBe(1);
    expect(second.html).toBe(page(second.nonce!));
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.html).not.toContain(first.nonce);
    // Only the type, caching and security headers are repeated, never a validator of the first response.
    expect(second.res.headers.get('cache-control')).toBe('private, no-store');
    expect(second.res.headers.get('etag')).toBeNull();
    expect(second.res.headers.get('x-request-id')).not.toBe(first.res.headers.get('x-request-id'));

    now = 10_001;
    await visit();
    expect(renders).toBe(2);
  });

  it('renders for crawlers, other paths, queries, cookies and requests with a body', async () => {
    await visit();
    await visit('/login', { 'user-agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' });
    await visit('/signup');
    await visit('/login?login_hint=a@example.com');
    await visit('/login', { cookie: 'theme=dark' });
    expect(await getWithBody('/login')).toBe(200);
    expect(renders).toBe(6);
  });

  it('keeps nothing that set a cookie, was not a whole page, or showed an error in place of a part', async () => {
    const refusals: Render[] = [
      (req, res, nonce) => {
        res.setHeader('set-cookie', 'a=b');
        wholePage(req, res, nonce);
      },
      (_req, res, nonce) => {
        res.setHeader('content-type', 'text/html');
        res.end(page(nonce).slice(0, 60));
      },
      (_req, res, nonce) => {
        res.setHeader('content-type', 'text/html');
        res.end(page(nonce, '<template data-dgst="123"></template>'));
      },
      (_req, res, nonce) => {
        res.statusCode = 404;
        res.setHeader('content-type', 'text/html');
        res.end(page(nonce));
      },
    ];
    for (const refusal of refusals) {
      render = refusal;
      renders = 0;
      await visit();
      await visit();
      expect(renders).toBe(2);
    }
  });

  it('gzips a copy for a browser that accepts it', async () => {
    await visit();
    const { res, nonce, html } = await visit('/login', { 'accept-encoding': 'gzip' });
    expect(renders).toBe(1);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(html).toBe(page(nonce!));
  });
});
