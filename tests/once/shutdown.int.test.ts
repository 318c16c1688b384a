// SIGTERM under load, on a portal and database of this file's own: the server stops accepting at
// once, answers every request it had accepted (a keep-alive connection with a request half-sent
// included) and exits 0. A client may see its connection refused, never reset mid-request.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase } from '../harness/fresh-postgres';
import { basicAuth, createApp, createClient, type CreatedClient } from '../harness/oidc';
import { startPortal, type PortalServer } from '../harness/portal-server';
import { connectionError, RawConnection } from '../harness/raw-http';

const fresh = freshPostgresDatabase('faults_shutdown');
let portal: PortalServer;
let client: CreatedClient;

beforeAll(async () => {
  await fresh.create();
  portal = await startPortal({ DATABASE_URL: fresh.url, MAIL_OUTBOX: '1', SMTP_URL: '' });
  const app = await createApp({ databaseUrl: fresh.url }, 'shutdown');
  client = await createClient({ databaseUrl: fresh.url }, app, '--grant', 'client_credentials');
});

afterAll(async () => {
  await portal?.stop();
  await fresh.drop();
});

const TOKEN_BODY = 'grant_type=client_credentials';

function tokenRequestHead(contentLength: number): string {
  const { host } = new URL(portal.url);
  return [
    'POST /oauth/token HTTP/1.1',
    `Host: ${host}`,
    `Authorization: ${basicAuth(client.client_id, client.client_secret!)}`,
    'Content-Type: application/x-www-form-urlencoded',
    `Content-Length: ${contentLength}`,
    '',
    '',
  ].join('\r\n');
}

type Outcome = { kind: 'answered'; status: number; tokenIssued: boolean } | { kind: 'refused' } | { kind: 'failed'; detail: string };

/**
 * One token request. A request the server never received ends `refused`: the connection was
 * refused, or reset before any answer, as the kernel does to connections still waiting in the
 * listen backlog when the listening socket closes, or as a server closing an idle keep-alive
 * connection does to a request sent on it at that moment. An answer cut short is `failed`.
 */
function tokenRequest(agent: http.Agent): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(
      `${portal.url}/oauth/token`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: basicAuth(client.client_id, client.client_secret!),
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': TOKEN_BODY.length,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          let tokenIssued = false;
          try {
            tokenIssued = typeof (JSON.parse(body) as { access_token?: unknown }).access_token === 'string';
          } catch {
            // an incomplete body is what this test looks for: tokenIssued stays false
          }
          resolve({ kind: 'answered', status: res.statusCode ?? 0, tokenIssued });
        });
        res.on('error', (err) => resolve({ kind: 'failed', detail: `response broke: ${err.message}` }));
      },
    );
    // Errors after the answer began arrive on the response (above) as `failed`.
    req.on('error', (err: NodeJS.ErrnoException) => {
      resolve(err.code === 'ECONNREFUSED' || err.code === 'ECONNRESET' ? { kind: 'refused' } : { kind: 'failed', detail: `${err.code}: ${err.message}` });
    });
    req.end(TOKEN_BODY);
  });
}

/** Sends token requests one after another until the server refuses the connection. */
async function steadyStream(agent: http.Agent, outcomes: Outcome[]): Promise<void> {
  for (;;) {
    const outcome = await tokenRequest(agent);
    outcomes.push(outcome);
    if (outcome.kind !== 'answered') return;
  }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

describe('shutdown on SIGTERM', () => {
  it('answers every accepted request, refuses new connections, and exits 0', async () => {
    // A keep-alive connection with one answered request, then a second request half-sent.
    const held = await RawConnection.open(portal.url);
    held.write(tokenRequestHead(TOKEN_BODY.length) + TOKEN_BODY);
    const first = await held.readResponse();
    expect(first?.status).toBe(200);
    expect(first?.headers.connection).not.toBe('close');
    held.write(tokenRequestHead(TOKEN_BODY.length) + TOKEN_BODY.slice(0, 10));
    // A fresh connection with half its headers sent.
    const halfHeaders = await RawConnection.open(portal.url);
    const head = tokenRequestHead(TOKEN_BODY.length) + TOKEN_BODY;
    halfHeaders.write(head.slice(0, 40));

    const outcomes: Outcome[] = [];
    const oneShot = new http.Agent({ keepAlive: false });
    const kept = new http.Agent({ keepAlive: true });
    const streams = [steadyStream(oneShot, outcomes), steadyStream(oneShot, outcomes), steadyStream(kept, outcomes), steadyStream(kept, outcomes)];
    await until(() => outcomes.length >= 100);

    const exitCode = portal.signal('SIGTERM');
    await until(() => portal.logs().includes('SIGTERM received'));
    await Promise.all(streams);
    oneShot.destroy();
    kept.destroy();

    // Stopped accepting, while still busy with the half-sent request.
    expect(await connectionError(portal.url)).toBe('ECONNREFUSED');

    held.write(TOKEN_BODY.slice(10));
    const last = await held.readResponse();
    expect(last?.status).toBe(200);
    expect(JSON.parse(last!.body)).toMatchObject({ token_type: 'Bearer' });
    expect(last?.headers.connection).toBe('close');
    expect(await held.closed).toBe('end');

    halfHeaders.write(head.slice(40));
    const late = await halfHeaders.readResponse();
    expect(late?.status).toBe(200);
    expect(late?.headers.connection).toBe('close');
    expect(await halfHeaders.closed).toBe('end');

    expect(await exitCode).toBe(0);

    const failed = outcomes.filter((o) => o.kind === 'failed');
    expect(failed).toEqual([]);
    const answered = outcomes.filter((o) => o.kind === 'answered');
    expect(answered.length).toBeGreaterThanOrEqual(100);
    expect(answered.filter((o) => o.status !== 200 || !o.tokenIssued)).toEqual([]);
    // Each stream stopped at its first request the server did not take.
    expect(outcomes.filter((o) => o.kind === 'refused')).toHaveLength(4);
    expect(portal.logs()).not.toContain('were cut');
  });
});
