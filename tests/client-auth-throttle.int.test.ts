// Failed client authentications are throttled per client id and
// per address (OAuth 2.1 §2.4.1) at the token, introspection and revocation endpoints, while a
// client that authenticates correctly is never counted.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { uniqueIp } from './harness/accounts';
import { basicAuth, createApp, createClient, postForm, type CreatedClient } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

const ENDPOINTS = {
  token: { url: `${portalUrl}/oauth/token`, params: { grant_type: 'client_credentials' } },
  introspection: { url: `${portalUrl}/oauth/introspect`, params: { token: 'not-a-token' } },
  revocation: { url: `${portalUrl}/oauth/revoke`, params: { token: 'not-a-token' } },
} as const;
type Endpoint = keyof typeof ENDPOINTS;

const CLIENT_ID_LIMIT = 20;
const ADDRESS_LIMIT = 100;

let app: string;

beforeAll(async () => {
  app = await createApp(portalDb, 'Client auth throttle');
});

const newService = () => createClient(portalDb, app, '--grant', 'client_credentials', '--scope', 'reports:read');

function authenticate(endpoint: Endpoint, clientId: string, secret: string, address: string) {
  const { url, params } = ENDPOINTS[endpoint];
  return postForm(url, params, { authorization: basicAuth(clientId, secret), 'x-forwarded-for': address });
}

function expectThrottled(res: Awaited<ReturnType<typeof authenticate>>) {
  expect({ status: res.status, error: res.body.error }).toEqual({ status: 429, error: 'too_many_requests' });
  expect(typeof res.body.error_description).toBe('string');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.headers.get('cache-control')).toBe('no-store');
}

const endpointOf = (i: number): Endpoint => (['token', 'introspection', 'revocation'] as const)[i % 3]!;

describe('client authentication throttle per client id', () => {
  it(`answers ${CLIENT_ID_LIMIT} wrong secrets with 401, then 429 with Retry-After on every endpoint, even for the right secret`, async () => {
    const service = await newService();
    for (let i = 0; i < CLIENT_ID_LIMIT; i++) {
      // Each from its own address, so only the client id's count can be reached.
      const res = await authenticate(endpointOf(i), service.client_id, `wrong-${i}`, uniqueIp());
      expect({ attempt: i + 1, status: res.status, error: res.body.error }).toEqual({ attempt: i + 1, status: 401, error: 'invalid_client' });
    }
    for (const endpoint of ['token', 'introspection', 'revocation'] as const) {
      expectThrottled(await authenticate(endpoint, service.client_id, 'wrong-again', uniqueIp()));
      expectThrottled(await authenticate(endpoint, service.client_id, service.client_secret!, uniqueIp()));
    }
  });

  it('keeps serving the client from an address it authenticated from correctly while its id is blocked', async () => {
    const service = await newService();
    const home = uniqueIp();
    expect((await authenticate('token', service.client_id, service.client_secret!, home)).status).toBe(200);
    for (let i = 0; i < CLIENT_ID_LIMIT; i++) await authenticate('token', service.client_id, `wrong-${i}`, uniqueIp());
    expectThrottled(await authenticate('token', service.client_id, service.client_secret!, uniqueIp()));
    const res = await authenticate('token', service.client_id, service.client_secret!, home);
    expect(res.status).toBe(200);
    expect(typeof res.body.access_token).toBe('string');
  });

  it('does not count correct authentications: many in a row all succeed', async () => {
    const service = await newService();
    const address = uniqueIp();
    for (let i = 0; i < CLIENT_ID_LIMIT * 3; i++) {
      const res = await authenticate(endpointOf(i), service.client_id, service.client_secret!, address);
      expect({ attempt: i + 1, status: res.status }).toEqual({ attempt: i + 1, status: 200 });
    }
  });

  it('does not let one client’s failures block another client', async () => {
    const [attacked, bystander] = await Promise.all([newService(), newService()]);
    for (let i = 0; i < CLIENT_ID_LIMIT; i++) await authenticate('token', attacked.client_id, `wrong-${i}`, uniqueIp());
    expectThrottled(await authenticate('token', attacked.client_id, attacked.client_secret!, uniqueIp()));
    expect((await authenticate('token', bystander.client_id, bystander.client_secret!, uniqueIp())).status).toBe(200);
  });
});

describe('client authentication throttle per address', () => {
  it(`after ${ADDRESS_LIMIT} failures from one address refuses every client there with 429, and serves them elsewhere`, async () => {
    const service: CreatedClient = await newService();
    const attacker = uniqueIp();
    for (let i = 0; i < ADDRESS_LIMIT; i++) {
      // Made-up client ids: only the address is counted.
      const res = await authenticate(endpointOf(i), `made-up-${i}`, 'guess', attacker);
      expect({ attempt: i + 1, status: res.status }).toEqual({ attempt: i + 1, status: 401 });
    }
    expectThrottled(await authenticate('token', 'made-up-more', 'guess', attacker));
    expectThrottled(await authenticate('introspection', service.client_id, service.client_secret!, attacker));
    expect((await authenticate('token', service.client_id, service.client_secret!, uniqueIp())).status).toBe(200);
  });
});
