import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { endpointUrls, issuer } from '@/lib/oidc/discovery';
import { CodeBlock } from '../code-block';
import { GuidePage, GuideSection, rich } from '../guide';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('docs');
  return { title: t('oidc.title') };
}

/** The commands as bin/cli.ts and the README give them. */
const REGISTER_COMMANDS = `npm run -s cli -- app create --name Projects --json            # {"app_id": …, "key": "projects"}
npm run -s cli -- client create --name "Projects web" --app projects --type confidential \\
  --redirect-uri https://projects.example.com/auth/callback \\
  --post-logout-redirect-uri https://projects.example.com/ --json   # {"client_id": …, "client_secret": …}`;

const RESOURCE_COMMAND = 'npm run -s cli -- app update projects --resource https://projects.example.com/api';

const VERIFY_EXAMPLE = (base: string) => `import { createRemoteJWKSet, jwtVerify } from 'jose';

const issuer = '${base}';
const jwks = createRemoteJWKSet(new URL(\`\${issuer}/.well-known/jwks.json\`));

type AccessClaims = {
  sub: string;
  org_id: string;
  roles: string[];
  permissions: string[];
  features: Record<string, boolean | number | string>;
};

/** The audience is the resource the token was asked for (app update --resource), else your client id. */
export async function verifyAccessToken(token: string, audience: string): Promise<AccessClaims> {
  const { payload } = await jwtVerify(token, jwks, { issuer, audience, typ: 'at+jwt' });
  return payload as unknown as AccessClaims;
}

/** {service}.{resource}.{action}: the action \`all\` covers every action on its resource. */
export function hasPermission(held: string[], wanted: string): boolean {
  const [service, resource, action] = wanted.split('.');
  return held.some((key) => {
    const [s, r, a] = key.split('.');
    return s === service && r === resource && (a === action || a === 'all');
  });
}

// const claims = await verifyAccessToken(token, 'https://projects.example.com/api');
// if (!hasPermission(claims.permissions, 'projects.project.delete')) return new Response(null, { status: 403 });
// if (claims.features.export !== true) { /* the organization's plan has no export */ }`;

export default async function OidcGuide() {
  const t = await getTranslations('docs');
  const base = issuer();
  const urls = endpointUrls();
  const discovery = `${base}/.well-known/openid-configuration`;
  const authorize = `${urls.authorization}?response_type=code
  &client_id=CLIENT_ID
  &redirect_uri=https%3A%2F%2Fprojects.example.com%2Fauth%2Fcallback
  &scope=openid%20profile%20email%20offline_access
  &state=STATE&nonce=NONCE
  &code_challenge=BASE64URL_SHA256_OF_VERIFIER&code_challenge_method=S256`;
  const exchange = `curl -X POST '${urls.token}' \\
  -u "$CLIENT_ID:$CLIENT_SECRET" \\
  -d grant_type=authorization_code \\
  -d code=CODE \\
  --data-urlencode 'redirect_uri=https://projects.example.com/auth/callback' \\
  -d code_verifier=VERIFIER`;
  const refresh = `curl -X POST '${urls.token}' \\
  -u "$CLIENT_ID:$CLIENT_SECRET" \\
  -d grant_type=refresh_token \\
  -d refresh_token=REFRESH_TOKEN`;
  const logout = `${urls.endSession}?id_token_hint=ID_TOKEN
  &post_logout_redirect_uri=https%3A%2F%2Fprojects.example.com%2F
  &state=STATE`;
  const claims = `{
  "iss": "${base}",
  "sub": "0197a3c1-…",
  "aud": "https://projects.example.com/api",
  "org_id": "0197a3c1-4f5e-7d2a-9b1c-3e4f5a6b7c8d",
  "roles": ["admin", "project-manager"],
  "permissions": ["auth.user.read", "projects.project.all"],
  "features": { "export": true, "projects": 50, "quota.api_calls": 10000 }
}`;

  return (
    <GuidePage title={t('oidc.title')} intro={t.rich('oidc.intro', rich)}>
      <GuideSection id="discovery" title={t('oidc.discovery.title')}>
        <p>{t.rich('oidc.discovery.text', rich)}</p>
        <CodeBlock title={t('oidc.discovery.caption')} code={discovery} language="text" />
        <p>{t.rich('oidc.discovery.jwks', { ...rich, jwks: urls.jwks })}</p>
      </GuideSection>

      <GuideSection id="client" title={t('oidc.client.title')}>
        <p>{t.rich('oidc.client.text', rich)}</p>
        <CodeBlock title={t('oidc.client.caption')} code={REGISTER_COMMANDS} language="sh" />
        <ul className="grid list-disc gap-1 pl-5">
          <li>{t.rich('oidc.client.redirects', rich)}</li>
          <li>{t.rich('oidc.client.public', rich)}</li>
          <li>{t.rich('oidc.client.resource', rich)}</li>
        </ul>
        <CodeBlock title={t('oidc.client.resourceCaption')} code={RESOURCE_COMMAND} language="sh" />
      </GuideSection>

      <GuideSection id="code-flow" title={t('oidc.flow.title')}>
        <ol className="grid list-decimal gap-1 pl-5">
          <li>{t.rich('oidc.flow.verifier', rich)}</li>
          <li>{t.rich('oidc.flow.redirect', rich)}</li>
          <li>{t.rich('oidc.flow.callback', rich)}</li>
          <li>{t.rich('oidc.flow.exchange', rich)}</li>
        </ol>
        <CodeBlock title={t('oidc.flow.authorizeCaption')} code={authorize} language="text" />
        <CodeBlock title={t('oidc.flow.exchangeCaption')} code={exchange} language="sh" />
        <p>{t.rich('oidc.flow.tokens', rich)}</p>
      </GuideSection>

      <GuideSection id="claims" title={t('oidc.claims.title')}>
        <p>{t.rich('oidc.claims.text', rich)}</p>
        <dl className="grid gap-2">
          {(['org_id', 'roles', 'permissions', 'features'] as const).map((claim) => (
            <div key={claim} className="grid gap-0.5">
              <dt className="font-mono text-sm font-semibold">{claim}</dt>
              <dd className="text-muted-foreground">{t.rich(`oidc.claims.${claim}`, rich)}</dd>
            </div>
          ))}
        </dl>
        <CodeBlock title={t('oidc.claims.caption')} code={claims} language="json" />
        <p>{t.rich('oidc.claims.fresh', rich)}</p>
      </GuideSection>

      <GuideSection id="permissions" title={t('oidc.permissions.title')}>
        <p>{t.rich('oidc.permissions.text', { ...rich, format: '{service}.{resource}.{action}' })}</p>
        <CodeBlock title={t('oidc.permissions.caption')} code={VERIFY_EXAMPLE(base)} language="ts" />
      </GuideSection>

      <GuideSection id="refresh" title={t('oidc.refresh.title')}>
        <p>{t.rich('oidc.refresh.text', rich)}</p>
        <CodeBlock title={t('oidc.refresh.caption')} code={refresh} language="sh" />
      </GuideSection>

      <GuideSection id="logout" title={t('oidc.logout.title')}>
        <p>{t.rich('oidc.logout.text', rich)}</p>
        <CodeBlock title={t('oidc.logout.caption')} code={logout} language="text" />
        <p>{t.rich('oidc.logout.revoke', { ...rich, revoke: urls.revocation })}</p>
      </GuideSection>
    </GuidePage>
  );
}
