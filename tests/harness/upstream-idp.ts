import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { interactionPolicy } from 'oidc-provider';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';

/**
 * A real upstream OpenID Provider (panva's oidc-provider) on 127.0.0.1, in the test process, for the
 * portal to federate with. Every authorization request goes through one interaction, which the test
 * decides beforehand: sign in as an account (login and consent without a form) or deny.
 */

export type UpstreamAccount = {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** Land in the id_token as the login's `amr`/`acr`. */
  amr?: string[];
  acr?: string;
  /** Released with the `profile` scope. */
  groups?: string[];
};

export type UpstreamIdp = {
  /** http://127.0.0.1:PORT, discovery at `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The next interaction signs in as this account (login and consent, no form). Used once. */
  signInNextAs(account: UpstreamAccount): void;
  /** The next interaction ends with error=access_denied back to the client. Used once; of this and signInNextAs, the later call counts. */
  denyNext(): void;
  /** Allows one more redirect URI for the client, effective at once. */
  allowRedirectUri(uri: string): void;
  stop(): Promise<void>;
};

export type UpstreamIdpOptions = {
  clientId?: string;
  clientSecret?: string;
  redirectUris?: string[];
};

const INTERACTION_PATH = '/interaction/';

export async function startUpstreamIdp({
  clientId = 'portal',
  clientSecret = randomBytes(24).toString('base64url'),
  redirectUris = [],
}: UpstreamIdpOptions = {}): Promise<UpstreamIdp> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const allowed = new Set(redirectUris);
  const accounts = new Map<string, UpstreamAccount>();
  let next: { deny: true } | { account: UpstreamAccount } | undefined;

  const provider = new Provider(issuer, {
    adapter: createMemoryAdapter(),
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // oidc-provider wants one for a code client; the real list is `allowed`, read at each request.
        redirect_uris: [`${issuer}/unregistered-redirect-uri`],
        // oidc-provider 9 takes the secret by either client_secret_basic or client_secret_post for this.
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    allowOmittingSingleRegisteredRedirectUri: false,
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'rs256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'email', 'profile'],
    // oidc-provider puts the login's acr/amr in an id_token only when the client asks (acr_values, the
    // claims parameter); Auth.js never does, so the openid scope carries them.
    claims: { sid: null, auth_time: null, iss: null, openid: ['sub', 'acr', 'amr'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    // Auth.js reads a type 'oidc' provider's profile from the id_token alone.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${INTERACTION_PATH}${interaction.uid}`, policy: alwaysInteract() },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      const { email, email_verified, name, groups } = account;
      return { accountId: sub, claims: async () => ({ sub, email, email_verified, name, groups }) };
    },
    renderError: async (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'text/plain';
      ctx.body = Object.entries(out).map(([key, value]) => `${key}: ${value}`).join('\n');
    },
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
  });
  provider.on('server_error', (_ctx, err) => console.error('upstream idp server_error', err));
  // A client's redirect_uris are fixed when oidc-provider loads it; this Client class is this provider's own.
  provider.Client.prototype.redirectUriAllowed = (uri: string) => allowed.has(uri);

  async function interact(req: IncomingMessage, res: ServerResponse) {
    const interaction = await provider.interactionDetails(req, res);
    const decision = next;
    next = undefined;
    if (!decision) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('upstream idp: no account to sign in as; call signInNextAs() or denyNext() first\n');
      return;
    }
    if ('deny' in decision) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user denied.' }, { mergeWithLastSubmission: false });
      return;
    }
    const { account } = decision;
    if (interaction.session) {
      // Signing in over another account's session makes oidc-provider end that one first, through a
      // self-submitting form a fetch-driven test would not post. Sessions serve nothing here (every
      // authorization interacts), so drop it and let the sign-in start a new one.
      if (interaction.session.cookie) await (await provider.Session.find(interaction.session.cookie))?.destroy();
      delete interaction.session;
      await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
    }
    accounts.set(account.sub, account);
    const grant = new provider.Grant({ accountId: account.sub, clientId: interaction.params.client_id });
    grant.addOIDCScope(interaction.params.scope ?? 'openid');
    const { missingOIDCClaims, missingResourceScopes } = interaction.prompt.details;
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    await provider.interactionFinished(req, res, {
      login: { accountId: account.sub, ...(account.amr && { amr: account.amr }), ...(account.acr && { acr: account.acr }) },
      consent: { grantId: await grant.save() },
    });
  }

  const callback = provider.callback();
  handle = (req, res) => {
    if (req.method === 'GET' && req.url?.startsWith(INTERACTION_PATH)) {
      interact(req, res).catch((err: unknown) => {
        console.error('upstream idp interaction', err);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`upstream idp: ${err instanceof Error ? err.message : String(err)}\n`);
      });
      return;
    }
    void callback(req, res);
  };

  return {
    issuer,
    clientId,
    clientSecret,
    signInNextAs: (account) => {
      next = { account };
    },
    denyNext: () => {
      next = { deny: true };
    },
    allowRedirectUri: (uri) => {
      allowed.add(uri);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The default policy, plus: a login the interaction did not just perform never counts, so a leftover session cookie cannot skip signInNextAs. */
function alwaysInteract() {
  const { Check, base } = interactionPolicy;
  const policy = base();
  policy.get('login')?.checks.push(
    new Check('harness_login', 'the harness signs in at every authorization', (ctx) => (ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT)),
  );
  return policy;
}
