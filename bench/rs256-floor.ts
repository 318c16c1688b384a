// The floor under every token endpoint in the OIDC bench: a bare node:http server that reads the
// request body and answers with one RS256 JWT of the portal's client_credentials claim set, signed
// the way the portal signs (node:crypto on libuv's pool, cached KeyObject). No client check, no
// parsing, no logs or metrics: no Node server that signs RS256 per request can be faster on this
// machine, so its ratio to the peer is the ceiling for the portal's. Prints `floor ready <url>`.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { lowerHeapGrowth } from '../scripts/heap-growth.mjs';

const port = Number(process.env.FLOOR_PORT);
const issuer = `http://127.0.0.1:${port}`;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const header = Buffer.from(JSON.stringify({ typ: 'at+jwt', kid: 'floor', alg: 'RS256' })).toString('base64url');

function accessToken(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload = { client_id: 'floor', scope: 'api:read', iss: issuer, sub: 'floor', aud: 'https://api.bench.example', iat: now, exp: now + 900, jti: randomUUID() };
  const input = `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(input), privateKey, (err, signature) => (err ? reject(err) : resolve(`${input}.${signature.toString('base64url')}`)));
  });
}

function answerWithToken(req: IncomingMessage, res: ServerResponse) {
  req.resume();
  req.on('end', () => {
    accessToken().then((token) => {
      const body = JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 900, scope: 'api:read' });
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
    });
  });
}

/**
 * FLOOR_HOSTS_NEXT=1: the same signer in a process that also runs the portal's Next build, as
 * server.ts does (Next's handler answers every other path, heap growth as `npm start` sets it), so
 * its ratio is the ceiling for a token endpoint that shares its process with the pages.
 */
async function nextHandler() {
  if (process.env.FLOOR_HOSTS_NEXT !== '1') return null;
  lowerHeapGrowth();
  const root = path.resolve(import.meta.dirname, '..');
  const { config } = JSON.parse(readFileSync(path.join(root, '.next', 'required-server-files.json'), 'utf8'));
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: root, hostname: '127.0.0.1', port });
  await app.prepare();
  return app.getRequestHandler();
}

const handleWithNext = await nextHandler();
const server = createServer((req, res) => {
  if (!handleWithNext || req.url === '/oauth/token') return answerWithToken(req, res);
  void handleWithNext(req, res);
});
server.listen(port, '127.0.0.1', () => console.log(`floor ready ${issuer}`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
