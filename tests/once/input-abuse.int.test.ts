// Hostile input on a portal and database of this file's own, with short HTTP timeouts: slow-loris
// connections are cut by the server, oversized bodies are refused before they have arrived, and a
// burst of garbage across every endpoint gets no 5xx and leaves the server answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClientToken } from '../harness/admin-api';
import { freshPostgresDatabase } from '../harness/fresh-postgres';
import { basicAuth, createApp, createClient, postForm, type CreatedClient } from '../harness/oidc';
import { startPortal, type PortalServer } from '../harness/portal-server';
import { exchange, RawConnection } from '../harness/raw-http';

const fresh = freshPostgresDatabase('faults_abuse');
const portalDb = { databaseUrl: fresh.url };
let portal: PortalServer;
let client: CreatedClient;
let adminToken: string;

beforeAll(async () => {
  await fresh.create();
  portal = await startPortal({
    DATABASE_URL: fresh.url,
    MAIL_OUTBOX: '1',
    SMTP_URL: '',
    HTTP_HEADERS_TIMEOUT: '3',
    HTTP_REQUEST_TIMEOUT: '6',
    // Billing through Stripe (never reached: no garbage passes the webhook's signature check), so
    // the webhook answers as in production rather than manual mode's 503.
    STRIPE_SECRET_KEY: 'sk_test_inputabuse',
    STRIPE_WEBHOOK_SECRET: 'whsec_inputabuse',
    STRIPE_API_BASE: 'http://127.0.0.1:9',
  });
  client = await createClient(portalDb, await createApp(portalDb, 'abuse'), '--grant', 'client_credentials');
  adminToken = (await adminClientToken(portal.url, portalDb, 'admin:read admin:write')).token;
});

afterAll(async () => {
  await portal?.stop();
  await fresh.drop();
});

const host = () => new URL(portal.url).host;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes `piece` every 500 ms until the server closes the connection; resolves with what it answered. */
async function trickle(conn: RawConnection, piece: string) {
  let closed = false;
  void conn.closed.then(() => (closed = true));
  const answer = conn.readResponse();
  while (!closed) {
    conn.write(piece);
    await pause(500);
  }
  return { answer: await answer, closed: await conn.closed };
}

describe('slow clients', () => {
  it('a client that never finishes its headers is answered 408 and cut off', async () => {
    const conn = await RawConnection.open(portal.url);
    conn.write(`GET /login HTTP/1.1\r\nHost: ${host()}\r\n`);
    const { answer, closed } = await trickle(conn, 'X-Slow: yes\r\n');
    expect(answer?.status).toBe(408);
    expect(closed).toBe('end');
  });

  it('a client that never finishes its body is cut off', async () => {
    const conn = await RawConnection.open(portal.url);
    const head = `POST /oauth/token HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n`;
    conn.write(head);
    const { answer, closed } = await trickle(conn, 'a');
    // Node answers 408 itself, unless the endpoint, seeing its body cut short, answered first.
    expect([400, 408]).toContain(answer?.status);
    expect(closed).toBe('end');
  });
});

describe('oversized bodies', () => {
  /** Sends the head and a first 64 KiB of a body declared `declared` bytes long, and reads the answer with the rest unsent. */
  async function answerToPartOfBody(path: string, declared: number, contentType: string) {
    const conn = await RawConnection.open(portal.url);
    conn.write(`POST ${path} HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: ${contentType}\r\nContent-Length: ${declared}\r\n\r\n`);
    conn.write(Buffer.alloc(64 * 1024, 'a'));
    const answer = await conn.readResponse();
    conn.destroy();
    return answer;
  }

  it('a protocol endpoint refuses a body over its limit with invalid_request before the body has arrived', async () => {
    const answer = await answerToPartOfBody('/oauth/token', 10 * 1024 * 1024, 'application/x-www-form-urlencoded');
    expect(answer?.status).toBe(413);
    expect(JSON.parse(answer!.body)).toMatchObject({ error: 'invalid_request' });
  });

  it('the admin API refuses a body over the limit with { error, message } before the body has arrived', async () => {
    const answer = await answerToPartOfBody('/api/admin/organizations', 2 * 1024 * 1024, 'application/json');
    expect(answer?.status).toBe(413);
    expect(JSON.parse(answer!.body)).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });

  it('a page refuses a form over the limit with a sentence before the body has arrived', async () => {
    const answer = await answerToPartOfBody('/login', 10 * 1024 * 1024, 'application/x-www-form-urlencoded');
    expect(answer?.status).toBe(413);
    expect(answer?.body).toContain('too large');
  });

  it('a chunked body that grows past the limit of a page is refused with 413', async () => {
    const conn = await RawConnection.open(portal.url);
    conn.write(`POST /login HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const answer = conn.readResponse();
    let answered = false;
    void answer.then(() => (answered = true));
    for (let sent = 0; sent < 4 * 1024 * 1024 && !answered; sent += chunk.length) {
      conn.write(`${chunk.length.toString(16)}\r\n`);
      conn.write(chunk);
      conn.write('\r\n');
      await pause(10);
    }
    expect((await answer)?.status).toBe(413);
    conn.destroy();
  });
});

// ---- the garbage burst ----

/** A small seeded generator, so a failing request can be produced again. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

const ROUTES = [
  '/', '/login', '/signup', '/forgot-password', '/reset-password', '/verify-email', '/two-factor', '/consent', '/setup',
  '/sign-out', '/choose-organization', '/authorize-error', '/invitation/{id}', '/docs', '/docs/oidc', '/docs/admin-token',
  '/account', '/account/security', '/account/sessions', '/account/password', '/account/delete', '/account/email-change',
  '/org', '/org/{id}', '/org/{id}/members', '/org/{id}/roles/{id}', '/org/{id}/billing', '/org/{id}/usage',
  '/admin', '/admin/users', '/admin/users/{id}', '/admin/organizations/{id}', '/admin/applications/{id}', '/admin/audit/export',
  '/oauth/authorize', '/oauth/token', '/oauth/introspect', '/oauth/revoke', '/oauth/userinfo', '/oauth/end-session',
  '/.well-known/openid-configuration', '/.well-known/oauth-authorization-server', '/.well-known/jwks.json',
  '/api/health', '/api/openapi.json', '/api/consumption', '/api/consumption/check', '/api/webhooks/stripe',
  '/api/admin/organizations', '/api/admin/organizations/{id}', '/api/admin/organizations/{id}/members',
  '/api/admin/users', '/api/admin/users/{id}', '/api/admin/applications/{id}', '/api/admin/audit', '/api/auth/session',
] as const;

const METHODS = ['GET', 'GET', 'POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'FOO', 'M-SEARCH'];
const IDS = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', "1' or '1'='1", '%00', '%zz', 'x'.repeat(300), '..%2f..%2fetc%2fpasswd', '%E0%A4%A'];
const PATH_TAILS = ['', '', '', '?a=%zz&b=%00', `?q=${'x'.repeat(4000)}`, '%00', '/%E0%A4%A', '%', '?client_id=%00&redirect_uri=%zz&response_type=code', '?page=-1&limit=1e9&cursor=%00'];
const CONTENT_TYPES = [
  'application/json', 'application/json', 'application/x-www-form-urlencoded', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz', 'multipart/form-data', 'text/plain;charset=UTF-8', 'application/json; charset=utf-7',
  'garbage/;;;', '', 'application/jwt',
];

function garbageBody(r: ReturnType<typeof random>): Buffer {
  const bodies = [
    () => Buffer.alloc(0),
    () => Buffer.from(Array.from({ length: Math.floor(r.next() * 2000) }, () => Math.floor(r.next() * 256))),
    () => Buffer.from('{"name": "unfinished'),
    () => Buffer.from('{"email":"a\\u0000b@example.com","name":"\\u0000","role":"\\u0000","id":"not-a-uuid","limit":1e400}'),
    () => Buffer.from('[1,2,3]'),
    () => Buffer.from('null'),
    () => Buffer.from('grant_type=client_credentials&scope=%zz&resource=%00&client_id=%00'),
    () => Buffer.from('grant_type=refresh_token&refresh_token=%00%00&code=%E0%A4%A'),
    () => Buffer.from('email=a%00b%40example.com&password=%00&callbackUrl=%zz&token=%00'),
    () => Buffer.from('--zz\r\nContent-Disposition: form-data; name="email"\r\n\r\na\u0000b\r\n--zz'),
    () => Buffer.from(`a=${'x'.repeat(70_000)}`),
    () => Buffer.from('\u0000\u0000\u0000'),
  ];
  return r.pick(bodies)();
}

function garbageHeaders(r: ReturnType<typeof random>): string[] {
  const options = [
    `Authorization: ${basicAuth(client.client_id, client.client_secret!)}`,
    `Authorization: Bearer ${adminToken}`,
    `Authorization: Bearer ${adminToken}`,
    'Authorization: Bearer garbage.garbage.garbage',
    'Authorization: Basic %%%',
    `Authorization: Basic ${Buffer.from(':').toString('base64')}`,
    'Next-Action: 0123456789abcdef0123456789abcdef01234567',
    'Next-Router-State-Tree: %zz',
    'RSC: 1',
    'Cookie: authjs.session-token=garbage; __Host-authjs.csrf-token=%00',
    'X-Forwarded-For: not-an-address, ::::',
    'Origin: https://evil.example',
    'Accept: */*;q=garbage',
    'Accept-Language: ;;;q=x,zz-ZZZZ',
    'X-Request-Id: \u00ff\u00fe',
  ];
  return Array.from({ length: Math.floor(r.next() * 3) }, () => r.pick(options));
}

function garbageRequest(r: ReturnType<typeof random>): { summary: string; bytes: Buffer } {
  const method = r.pick(METHODS);
  const path = r.pick(ROUTES).replaceAll('{id}', () => r.pick(IDS)) + r.pick(PATH_TAILS);
  const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : garbageBody(r);
  const contentType = r.pick(CONTENT_TYPES);
  const headers = [
    `${method} ${path} HTTP/1.1`,
    `Host: ${host()}`,
    'Connection: close',
    `X-Forwarded-For: 198.51.100.${Math.floor(r.next() * 250)}`,
    ...(contentType ? [`Content-Type: ${contentType}`] : []),
    ...(body.length || r.next() < 0.5 ? [`Content-Length: ${body.length}`] : []),
    ...garbageHeaders(r),
  ];
  const summary = `${method} ${path.slice(0, 120)} [${contentType}] ${body.subarray(0, 60).toString('latin1')}`;
  return { summary, bytes: Buffer.concat([Buffer.from(headers.join('\r\n') + '\r\n\r\n', 'latin1'), body]) };
}

describe('a burst of garbage', () => {
  it('3,000 garbage requests across every endpoint get no 5xx, and the server answers afterwards', async () => {
    const r = random(15);
    const requests = Array.from({ length: 3000 }, () => garbageRequest(r));
    // Bytes no client library would send: a NUL in the path, a CONNECT, a broken request line.
    requests.push(
      { summary: 'NUL in path', bytes: Buffer.from(`GET /login\u0000x HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`, 'latin1') },
      { summary: 'CONNECT', bytes: Buffer.from(`CONNECT ${host()} HTTP/1.1\r\nHost: ${host()}\r\n\r\n`) },
      { summary: 'TRACE', bytes: Buffer.from(`TRACE /oauth/token HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`) },
      { summary: 'no version', bytes: Buffer.from('GET /\r\n\r\n') },
    );

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < requests.length) {
        const { summary, bytes } = requests[nextIndex++]!;
        const status = await exchange(portal.url, bytes);
        if (status === null || status >= 500) failures.push(`${status ?? 'no answer'}: ${summary}`);
        else statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));

    if (failures.length > 0) console.error(portal.logs().split('\n').filter((l) => /error|failed/i.test(l)).slice(0, 40).join('\n'));
    expect(failures).toEqual([]);
    expect(statuses.get(405)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);

    expect((await fetch(`${portal.url}/api/health`)).status).toBe(200);
    const token = await postForm(`${portal.url}/oauth/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(client.client_id, client.client_secret!) });
    expect(token.status).toBe(200);
  }, 120_000);

  it('CONNECT and TRACE are answered 405', async () => {
    expect(await exchange(portal.url, Buffer.from(`CONNECT ${host()} HTTP/1.1\r\nHost: ${host()}\r\n\r\n`))).toBe(405);
    expect(await exchange(portal.url, Buffer.from(`TRACE /login HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`))).toBe(405);
  });
});
