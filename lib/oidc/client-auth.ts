import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { db } from '@/db';
import { usedClientAssertions } from '@/db/schema';
import { constantTimeEqual, hashToken } from '@/lib/auth/tokens';
import { clientMetaFrom } from '@/lib/http/client-meta';
import { findClient, type OAuthClient } from './clients';
import { recordFailedAuthentication, recordSuccessfulAuthentication, refuseWhileBlocked } from './client-auth-throttle';
import { endpointUrls, issuer } from './discovery';
import { InvalidClient, InvalidRequest } from './errors';
import { decodeFormComponent } from './form-urlencoded';
import type { Params } from './request';
import type { ProtocolRequest } from './protocol';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** An assertion is refused this long after its iat, which bounds how long its jti must be remembered. */
const ASSERTION_MAX_AGE_SECONDS = 10 * 60;

type Presented =
  | { method: 'client_secret_basic' | 'client_secret_post'; clientId: string; secret: string }
  | { method: 'private_key_jwt'; clientId: string; assertion: string }
  | { method: 'none'; clientId: string };

function presentedCredentials(req: ProtocolRequest, params: Params): Presented {
  const header = req.headers.get('authorization');
  const basic = header && /^Basic /i.test(header) ? header.slice(6).trim() : null;
  const assertion = params.get('client_assertion');
  const postSecret = params.get('client_secret');
  const used = [basic, assertion, postSecret].filter(Boolean).length;
  // RFC 6749 §2.3: a client MUST NOT use more than one authentication method per request.
  if (used > 1) throw new InvalidRequest('Use exactly one client authentication method.');

  if (basic) {
    let decoded: string;
    try {
      decoded = Buffer.from(basic, 'base64').toString('utf8');
    } catch {
      throw new InvalidClient('Malformed Basic credentials.');
    }
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new InvalidClient('Malformed Basic credentials.');
    let clientId: string;
    let secret: string;
    try {
      // RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding.
      clientId = decodeFormComponent(decoded.slice(0, colon));
      secret = decodeFormComponent(decoded.slice(colon + 1));
    } catch {
      throw new InvalidClient('Malformed Basic credentials.');
    }
    const bodyId = params.get('client_id');
    if (bodyId && bodyId !== clientId) throw new InvalidRequest('client_id does not match the authenticated client.');
    return { method: 'client_secret_basic', clientId, secret };
  }
  if (assertion) {
    if (params.get('client_assertion_type') !== JWT_BEARER) {
      throw new InvalidRequest(`client_assertion_type must be ${JWT_BEARER}.`);
    }
    const clientId = params.get('client_id') ?? unverifiedIssuer(assertion);
    return { method: 'private_key_jwt', clientId, assertion };
  }
  const clientId = params.get('client_id');
  if (!clientId) throw new InvalidClient('Client authentication is required.');
  if (postSecret) return { method: 'client_secret_post', clientId, secret: postSecret };
  return { method: 'none', clientId };
}

function unverifiedIssuer(jwt: string): string {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    if (typeof payload.iss === 'string') return payload.iss;
  } catch {
    // fall through
  }
  throw new InvalidClient('Malformed client assertion.');
}

function secretMatches(client: OAuthClient, secret: string): boolean {
  const presented = hashToken(secret);
  const current = client.secretHash ? constantTimeEqual(presented, client.secretHash) : false;
  const previous =
    client.previousSecretHash && client.previousSecretExpiresAt && client.previousSecretExpiresAt > new Date()
      ? constantTimeEqual(presented, client.previousSecretHash)
      : false;
  return current || previous;
}

async function verifyAssertion(client: OAuthClient, assertion: string): Promise<void> {
  if (!client.jwks) throw new InvalidClient();
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, createLocalJWKSet(client.jwks as JSONWebKeySet), {
      issuer: client.id,
      subject: client.id,
      audience: [issuer(), endpointUrls().token],
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      requiredClaims: ['exp', 'jti', 'iat'],
      maxTokenAge: ASSERTION_MAX_AGE_SECONDS,
    }));
  } catch {
    throw new InvalidClient('The client assertion is not valid.');
  }
  // Kept until the assertion could no longer pass anyway (exp, or maxTokenAge after iat), not an exp years away.
  const unusableAt = Math.min(payload.exp!, payload.iat! + ASSERTION_MAX_AGE_SECONDS);
  const inserted = await db()
    .insert(usedClientAssertions)
    .values({ jti: `${client.id}:${payload.jti}`, expiresAt: new Date(unusableAt * 1000) })
    .onConflictDoNothing()
    .returning({ jti: usedClientAssertions.jti });
  if (!inserted.length) throw new InvalidClient('The client assertion has already been used.');
}

/**
 * Authenticates the client of a token, revocation or introspection request by the method it
 * registered. Every failure is invalid_client, saying nothing about which part was wrong; failures
 * are counted and, past the limits, refused with 429 before any check (./client-auth-throttle.ts).
 */
export async function authenticateClient(req: ProtocolRequest, params: Params): Promise<OAuthClient> {
  const { ip: address } = clientMetaFrom(req.headers);
  let clientId: string | undefined;
  try {
    const presented = presentedCredentials(req, params);
    clientId = presented.clientId;
    refuseWhileBlocked(clientId, address);
    const client = await verifyCredentials(presented);
    recordSuccessfulAuthentication(client.id, address);
    return client;
  } catch (err) {
    if (err instanceof InvalidClient) {
      const registered = clientId !== undefined && (await findClient(clientId)) ? clientId : null;
      await recordFailedAuthentication(registered, address);
    }
    throw err;
  }
}

async function verifyCredentials(presented: Presented): Promise<OAuthClient> {
  let client = await findClient(presented.clientId);
  if (!client) {
    if ('secret' in presented) hashToken(presented.secret);
    throw new InvalidClient();
  }
  const registered = client.tokenEndpointAuthMethod;
  // Basic and post are the same secret; a client registered for one may use the other.
  const secretMethods = ['client_secret_basic', 'client_secret_post'];
  const methodOk = presented.method === registered || (secretMethods.includes(presented.method) && secretMethods.includes(registered));
  if (!methodOk) throw new InvalidClient();

  if ('secret' in presented) {
    if (!secretMatches(client, presented.secret)) {
      // The cached client may predate a rotation by the CLI: a new secret must work at once.
      const fresh = await findClient(client.id, { fresh: true });
      if (!fresh || !secretMatches(fresh, presented.secret)) throw new InvalidClient();
      client = fresh;
    }
  } else if (presented.method === 'private_key_jwt') {
    await verifyAssertion(client, presented.assertion);
  }
  return client;
}
