import { decodeJwt, type JWTPayload } from 'jose';
import { basicAuth, codeFlowTokens, postForm, signedInBrowser } from './oidc';

/**
 * Signs `email` in and runs the code flow once; each call of the returned function refreshes the
 * tokens and gives the claims of the new access token, as an application would see them next.
 */
export async function nextAccessClaims(
  portalUrl: string,
  client: { client_id: string; client_secret: string },
  email: string,
): Promise<() => Promise<JWTPayload>> {
  const browser = await signedInBrowser(portalUrl, email);
  let refreshToken = (await codeFlowTokens(portalUrl, browser, client, email)).refresh_token as string;
  return async () => {
    const res = await postForm(
      `${portalUrl}/oauth/token`,
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      { authorization: basicAuth(client.client_id, client.client_secret) },
    );
    if (res.status !== 200) throw new Error(`Refresh failed: ${res.status} ${JSON.stringify(res.body)}`);
    refreshToken = res.body.refresh_token as string;
    return decodeJwt(res.body.access_token as string);
  };
}
