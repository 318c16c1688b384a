// The benchmark's peer: panva's oidc-provider with one client_credentials client, run as its own
// process (like the portal) so it does not share an event loop with autocannon.
// Prints `peer ready <url>` once it listens. Configured from the environment by bench/oidc.ts.
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PEER_PORT);
const clientId = process.env.PEER_CLIENT_ID!;
const clientSecret = process.env.PEER_CLIENT_SECRET!;
const scope = process.env.PEER_SCOPE!;
const issuer = `http://127.0.0.1:${port}`;

function privateJwk(key: KeyObject, alg: string, kid: string) {
  return { ...key.export({ format: 'jwk' }), alg, use: 'sig', kid };
}

// The same three key types the portal publishes, RS256 first so it signs by default.
const jwks = {
  keys: [
    privateJwk(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, 'RS256', 'rs256'),
    privateJwk(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, 'ES256', 'es256'),
    privateJwk(generateKeyPairSync('ed25519').privateKey, 'EdDSA', 'eddsa'),
  ],
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope,
    },
  ],
  jwks,
  scopes: [scope],
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    // A `resource` names the API; its tokens are RS256 JWTs (RFC 9068), as the portal issues them.
    // Without one the token is opaque, the only kind oidc-provider introspects.
    resourceIndicators: {
      enabled: true,
      defaultResource: async (_ctx: unknown, _client: unknown, oneOf?: string) => oneOf,
      useGrantedResource: async () => false,
      getResourceServerInfo: async (_ctx: unknown, resource: string) => ({
        scope,
        audience: resource,
        accessTokenTTL: 15 * 60,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});
provider.on('server_error', (_ctx, err) => console.error('peer server_error', err));

const server = createServer(provider.callback());
server.listen(port, '127.0.0.1', () => console.log(`peer ready ${issuer}`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
