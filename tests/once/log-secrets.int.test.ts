import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, SESSION_COOKIE, signIn } from '../harness/accounts';
import { cli } from '../harness/cli';
import { FormClient } from '../harness/form-client';
import { freshPostgresDatabase } from '../harness/fresh-postgres';
import { authorizeInBrowser, authorizeUrl, basicAuth, pkcePair, postForm, queryPortalDb, REDIRECT_URI, type CreatedClient } from '../harness/oidc';
import { freePort, startPortal, tempDir, type PortalServer } from '../harness/portal-server';
import { startSmtpReceiver } from '../harness/smtp-receiver';

// A portal of its own whose whole output this file reads: a sign-in, the three grants, userinfo and
// introspection go through it, and nothing secret that passed through may show up in its log.
const database = freshPostgresDatabase('log_secrets');
const mailDir = tempDir('log-secrets-mail');
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let portal: PortalServer;
let metricsPort: number;

beforeAll(async () => {
  await database.create();
  smtp = await startSmtpReceiver(mailDir);
  metricsPort = await freePort();
  portal = await startPortal({
    DATABASE_URL: database.url,
    SMTP_URL: smtp.url,
    LOG_LEVEL: 'info',
    METRICS_TOKEN: undefined,
    METRICS_PORT: String(metricsPort),
  });
});

afterAll(async () => {
  await portal?.stop();
  await smtp?.stop();
  await database.drop();
});

/** The JSON lines of the portal's output (the mail and setup-link notices are not requests). */
function logLines(): Array<Record<string, unknown>> {
  return portal
    .logs()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A request's line is written after its response: wait for the lines of the requests just made. */
async function logLinesOnce(enough: (lines: Array<Record<string, unknown>>) => boolean): Promise<Array<Record<string, unknown>>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const lines = logLines();
    if (enough(lines) || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('logs', () => {
  it('hold one line per request and never a password, secret, token, code, cookie or query string', async () => {
    const portalDb = { databaseUrl: database.url };
    const email = newEmail('logs');
    await createVerifiedAccount(portal.url, mailDir, { email, name: 'Lou' });
    const browser = new FormClient(portal.url);
    expect((await signIn(browser, email)).url).toBe(`${portal.url}/account`);
    const sessionCookie = browser.cookies.get(SESSION_COOKIE)!;

    const app = await cli<{ app_id: string }>(portalDb, 'app', 'create', '--name', 'Logs');
    const web = await cli<CreatedClient>(portalDb, 'client', 'create', '--name', 'Web', '--app', app.app_id, '--type', 'confidential',
      '--redirect-uri', REDIRECT_URI, '--grant', 'authorization_code', '--grant', 'refresh_token', '--scope', 'openid offline_access');
    const service = await cli<CreatedClient>(portalDb, 'client', 'create', '--name', 'Service', '--app', app.app_id, '--type', 'confidential',
      '--grant', 'client_credentials', '--scope', 'reports:read');

    const serviceToken = await postForm(`${portal.url}/oauth/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, service.client_secret!) });
    expect(serviceToken.status).toBe(200);

    const { verifier, challenge } = await pkcePair();
    const { callback } = await authorizeInBrowser(browser, authorizeUrl(portal.url, web.client_id, {
      scope: 'openid offline_access', code_challenge: challenge, code_challenge_method: 'S256', state: 'state-value-of-the-test',
    }), email);
    const code = callback.searchParams.get('code')!;
    const webAuth = { authorization: basicAuth(web.client_id, web.client_secret!) };
    const tokens = await postForm(`${portal.url}/oauth/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, webAuth);
    expect(tokens.status).toBe(200);
    const refreshed = await postForm(`${portal.url}/oauth/token`, { grant_type: 'refresh_token', refresh_token: String(tokens.body.refresh_token) }, webAuth);
    expect(refreshed.status).toBe(200);
    const userinfo = await fetch(`${portal.url}/oauth/userinfo`, { headers: { authorization: `Bearer ${String(refreshed.body.access_token)}` } });
    expect(userinfo.status).toBe(200);
    // A credential in the query string is refused, and must not be logged on the way.
    const inQuery = await fetch(`${portal.url}/oauth/token?client_secret=${service.client_secret}`, { method: 'POST' });
    expect(inQuery.status).toBe(400);
    const introspected = await postForm(`${portal.url}/oauth/introspect`, { token: String(refreshed.body.access_token) }, webAuth);
    expect(introspected.status).toBe(200);

    const secrets = {
      password: PASSWORD,
      sessionCookie,
      webSecret: web.client_secret!,
      serviceSecret: service.client_secret!,
      serviceAccessToken: String(serviceToken.body.access_token),
      code,
      verifier,
      accessToken: String(tokens.body.access_token),
      idToken: String(tokens.body.id_token),
      refreshToken: String(tokens.body.refresh_token),
      rotatedRefreshToken: String(refreshed.body.refresh_token),
      rotatedAccessToken: String(refreshed.body.access_token),
    };
    const lines = await logLinesOnce((all) => all.some((line) => line.msg === 'request' && line.route === 'introspection'));
    const output = portal.logs();
    for (const [name, value] of Object.entries(secrets)) {
      expect(value.length, name).toBeGreaterThan(8);
      expect(output.includes(value), `${name} appears in the log`).toBe(false);
    }

    const requests = lines.filter((line) => line.msg === 'request');
    const tokenLines = requests.filter((line) => line.route === 'token');
    expect(tokenLines.map((line) => line.status)).toEqual([200, 200, 200, 400]);
    for (const line of requests) {
      expect(line).toMatchObject({ level: 'info', method: expect.any(String), status: expect.any(Number), ms: expect.any(Number) });
      expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(String(line.path)).not.toContain('?');
    }
    // Sign-in, consent and the authorization request itself went through Next: each has its line too.
    expect(requests.some((line) => line.route === 'pages' && line.path === '/login' && line.method === 'POST')).toBe(true);
    expect(requests.some((line) => line.route === 'authorize')).toBe(true);
  });
});

describe('metrics without METRICS_TOKEN', () => {
  it('are not served on the public port (404, whatever the Authorization)', async () => {
    for (const headers of [{}, { authorization: 'Bearer anything-at-all' }] as Array<Record<string, string>>) {
      const res = await fetch(`${portal.url}/metrics`, { headers });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('auth_portal_');
    }
  });

  it('are served on METRICS_PORT on loopback with no token, counting the sign-in and the grants above', async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^auth_portal_sign_ins_total\{method="password",outcome="success"\} [1-9]/m);
    expect(text).toMatch(/^auth_portal_tokens_issued_total\{grant_type="authorization_code",client_id="[^"]+"\} 1$/m);
    expect(text).toMatch(/^auth_portal_tokens_issued_total\{grant_type="refresh_token",client_id="[^"]+"\} 1$/m);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404);
  });

  it('count rate-limit refusals by limit: failed client authentications past the limit', async () => {
    const portalDb = { databaseUrl: database.url };
    const app = await cli<{ app_id: string }>(portalDb, 'app', 'create', '--name', 'Throttled');
    const client = await cli<CreatedClient>(portalDb, 'client', 'create', '--name', 'Throttled', '--app', app.app_id, '--type', 'confidential',
      '--grant', 'client_credentials', '--scope', 'reports:read');
    const statuses: number[] = [];
    // lib/auth/rate-limit.ts: 20 failed authentications per client id per 5 minutes; the next ones are refused.
    for (let i = 0; i < 23; i++) {
      const res = await postForm(`${portal.url}/oauth/token`, { grant_type: 'client_credentials' },
        { authorization: basicAuth(client.client_id, 'wrong-secret'), 'x-forwarded-for': `203.0.113.${i + 1}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429]);
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(text).toMatch(/^auth_portal_rate_limit_refusals_total\{limit="clientAuthClient"\} 3$/m);
    expect(text).toMatch(/^auth_portal_http_requests_total\{route="token",method="POST",status="429"\} 3$/m);
  });
});

describe('readiness', () => {
  it('answers 503 naming the failed check when the database lacks the newest migration', async () => {
    const portalDb = { databaseUrl: database.url };
    const newest = await queryPortalDb(portalDb, async (sql) => {
      const [row] = await sql<Array<{ id: number; hash: string; created_at: string }>>`
        select id, hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1`;
      await sql`delete from drizzle.__drizzle_migrations where id = ${row!.id}`;
      return row!;
    });
    try {
      const res = await fetch(`${portal.url}/api/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', checks: { database: 'ok', migrations: 'failed', signing_keys: 'ok' } });
      expect((await fetch(`${portal.url}/api/health`)).status).toBe(200);
    } finally {
      await queryPortalDb(portalDb, (sql) => sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${newest.id}, ${newest.hash}, ${newest.created_at})`);
    }
    expect((await fetch(`${portal.url}/api/ready`)).status).toBe(200);
  });
});
