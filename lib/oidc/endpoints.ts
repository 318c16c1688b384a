// The protocol endpoints: parse, call lib/oidc, map errors. Each is a plain-value function
// (served by server.ts from node:http) and a Web-standard handler of it (mounted by app/ routes).
import { DISCOVERY_CACHE_CONTROL, discoveryDocument } from './discovery';
import { errorResult, InvalidRequest, OAuthError, toErrorResponse, UnsupportedGrantType } from './errors';
import { jsonResult, NO_STORE, seeOther, toWebResponse, webHandler, type ProtocolRequest, type ProtocolResponse } from './protocol';
import { clientMetaFrom } from '@/lib/http/client-meta';
import { endSession } from './end-session';
import { errorPageRedirect } from './error-page';
import { authorizationCodeGrant } from './grants/authorization-code';
import { clientCredentialsGrant } from './grants/client-credentials';
import { refreshTokenGrant } from './grants/refresh-token';
import { introspect } from './introspection';
import { JWKS_MAX_AGE_SECONDS, publicJwksBytes } from './keys';
import { authenticateClient } from './client-auth';
import type { OAuthClient } from './clients';
import { formParams, type Params } from './request';
import { revoke } from './revocation';
import { userinfo } from './userinfo';
import { countTokensIssued } from '@/lib/observability/metrics';

export { authorizationEndpoint } from './authorize';

function methodNotAllowed(allowed: string): ProtocolResponse {
  return jsonResult({ error: 'invalid_request', error_description: `Use ${allowed}.` }, 405, { allow: allowed });
}

/** RFC 6750 §2.3 / RFC 9700 §4.3.2: credentials never travel in the query string. */
function refuseQueryCredentials(req: ProtocolRequest): void {
  const query = new URL(req.url).searchParams;
  for (const name of ['client_secret', 'access_token', 'refresh_token', 'code', 'client_assertion', 'token']) {
    if (query.has(name)) throw new InvalidRequest(`"${name}" must not be sent in the query string.`);
  }
}

function grant(grantType: string, client: OAuthClient, params: Params) {
  switch (grantType) {
    case 'authorization_code':
      return authorizationCodeGrant(client, params);
    case 'refresh_token':
      return refreshTokenGrant(client, params);
    case 'client_credentials':
      return clientCredentialsGrant(client, params);
    default:
      throw new UnsupportedGrantType(grantType);
  }
}

export async function token(req: ProtocolRequest): Promise<ProtocolResponse> {
  if (req.method !== 'POST') return methodNotAllowed('POST');
  try {
    refuseQueryCredentials(req);
    const params = await formParams(req);
    const grantType = params.require('grant_type');
    const client = await authenticateClient(req, params);
    const issued = await grant(grantType, client, params);
    countTokensIssued(grantType, client.id);
    return jsonResult(issued);
  } catch (err) {
    return errorResult(err, 'token');
  }
}

export async function introspection(req: ProtocolRequest): Promise<ProtocolResponse> {
  if (req.method !== 'POST') return methodNotAllowed('POST');
  try {
    refuseQueryCredentials(req);
    return jsonResult(await introspect(req));
  } catch (err) {
    return errorResult(err, 'introspection');
  }
}

export async function revocation(req: ProtocolRequest): Promise<ProtocolResponse> {
  if (req.method !== 'POST') return methodNotAllowed('POST');
  try {
    refuseQueryCredentials(req);
    await revoke(req);
    return { status: 200, headers: { ...NO_STORE }, body: null };
  } catch (err) {
    return errorResult(err, 'revocation');
  }
}

export async function userinfoResult(req: ProtocolRequest): Promise<ProtocolResponse> {
  if (req.method !== 'GET' && req.method !== 'POST') return methodNotAllowed('GET, POST');
  try {
    return jsonResult(await userinfo(req));
  } catch (err) {
    return errorResult(err, 'userinfo');
  }
}

export const tokenEndpoint = webHandler(token);
export const introspectionEndpoint = webHandler(introspection);
export const revocationEndpoint = webHandler(revocation);
export const userinfoEndpoint = webHandler(userinfoResult);

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
  return async (req: Request): Promise<Response> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return toWebResponse(methodNotAllowed('GET'));
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

export async function endSessionEndpoint(req: Request): Promise<Response> {
  if (req.method !== 'GET' && req.method !== 'POST') return toWebResponse(methodNotAllowed('GET, POST'));
  try {
    const result = await endSession(req, clientMetaFrom(req.headers));
    return seeOther(result.location, result.signedOut ? { 'Set-Cookie': result.clearCookie } : {});
  } catch (err) {
    if (err instanceof OAuthError) return errorPageRedirect(err.error, err.description);
    return toErrorResponse(err, 'end-session');
  }
}
