// The protocol endpoints as Web-standard handlers: parse, call lib/oidc, map errors.
// Mounted by app/ route handlers and, for the machine-to-machine ones, directly by server.ts.
import { DISCOVERY_CACHE_CONTROL, discoveryDocument } from './discovery';
import { InvalidRequest, jsonNoStore, OAuthError, toErrorResponse, UnsupportedGrantType } from './errors';
import { endSession } from './end-session';
import { authorizationCodeGrant } from './grants/authorization-code';
import { clientCredentialsGrant } from './grants/client-credentials';
import { refreshTokenGrant } from './grants/refresh-token';
import { introspect } from './introspection';
import { JWKS_MAX_AGE_SECONDS, publicJwksBytes } from './keys';
import { authenticateClient } from './client-auth';
import { formParams } from './request';
import { revoke } from './revocation';
import { userinfo } from './userinfo';

export { authorizationEndpoint } from './authorize';

function methodNotAllowed(allowed: string): Response {
  return Response.json(
    { error: 'invalid_request', error_description: `Use ${allowed}.` },
    { status: 405, headers: { Allow: allowed, 'Cache-Control': 'no-store' } },
  );
}

/** RFC 6750 §2.3 / RFC 9700 §4.3.2: credentials never travel in the query string. */
function refuseQueryCredentials(req: Request): void {
  const query = new URL(req.url).searchParams;
  for (const name of ['client_secret', 'access_token', 'refresh_token', 'code', 'client_assertion', 'token']) {
    if (query.has(name)) throw new InvalidRequest(`"${name}" must not be sent in the query string.`);
  }
}

export async function tokenEndpoint(req: Request): Promise<Response> {
  if (req.method !== 'POST') return methodNotAllowed('POST');
  try {
    refuseQueryCredentials(req);
    const params = await formParams(req);
    const grantType = params.require('grant_type');
    const client = await authenticateClient(req, params);
    switch (grantType) {
      case 'authorization_code':
        return jsonNoStore(await authorizationCodeGrant(client, params));
      case 'refresh_token':
        return jsonNoStore(await refreshTokenGrant(client, params));
      case 'client_credentials':
        return jsonNoStore(await clientCredentialsGrant(client, params));
      default:
        throw new UnsupportedGrantType(grantType);
    }
  } catch (err) {
    return toErrorResponse(err, 'token');
  }
}

export async function introspectionEndpoint(req: Request): Promise<Response> {
  if (req.method !== 'POST') return methodNotAllowed('POST');
  try {
    refuseQueryCredentials(req);
    return jsonNoStore(await introspect(req));
  } catch (err) {
    return toErrorResponse(err, 'introspection');
  }
}

export async function revocationEndpoint(req: Request): Promise<Response> {
  if (req.method !== 'POST') return methodNotAllowed('POST');
  try {
    refuseQueryCredentials(req);
    await revoke(req);
    return new Response(null, { status: 200, headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err, 'revocation');
  }
}

/** A JSON document served as-is to every GET: kept serialized so serving it costs a write. */
export type PublishedDocument = { body: Buffer; headers: Record<string, string> };

let discoveryBody: Buffer | undefined;

export async function discoveryDocumentBytes(): Promise<PublishedDocument> {
  discoveryBody ??= Buffer.from(JSON.stringify(discoveryDocument()));
  return { body: discoveryBody, headers: { 'content-type': 'application/json', 'cache-control': DISCOVERY_CACHE_CONTROL } };
}

export async function jwksDocumentBytes(): Promise<PublishedDocument> {
  return {
    body: await publicJwksBytes(),
    headers: { 'content-type': 'application/jwk-set+json', 'cache-control': `public, max-age=${JWKS_MAX_AGE_SECONDS}` },
  };
}

function documentEndpoint(name: string, document: () => Promise<PublishedDocument>) {
  return async (req?: Request): Promise<Response> => {
    if (req && req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed('GET');
    try {
      const { body, headers } = await document();
      return new Response(new Uint8Array(body), { headers });
    } catch (err) {
      return toErrorResponse(err, name);
    }
  };
}

export const jwksEndpoint = documentEndpoint('jwks', jwksDocumentBytes);
export const discoveryEndpoint = documentEndpoint('discovery', discoveryDocumentBytes);


export async function userinfoEndpoint(req: Request): Promise<Response> {
  if (req.method !== 'GET' && req.method !== 'POST') return methodNotAllowed('GET, POST');
  try {
    return jsonNoStore(await userinfo(req));
  } catch (err) {
    return toErrorResponse(err, 'userinfo');
  }
}

export async function endSessionEndpoint(req: Request): Promise<Response> {
  if (req.method !== 'GET' && req.method !== 'POST') return methodNotAllowed('GET, POST');
  try {
    const { location, clearCookie } = await endSession(req);
    return new Response(null, { status: 303, headers: { Location: location, 'Set-Cookie': clearCookie, 'Cache-Control': 'no-store' } });
  } catch (err) {
    if (err instanceof OAuthError) {
      const qs = new URLSearchParams({ error: err.error, error_description: err.description });
      return new Response(null, { status: 303, headers: { Location: `/authorize-error?${qs}` } });
    }
    return toErrorResponse(err, 'end-session');
  }
}
