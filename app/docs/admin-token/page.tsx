import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { issuer } from '@/lib/oidc/discovery';
import { CodeBlock } from '../code-block';
import { GuidePage, GuideSection, rich } from '../guide';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('docs');
  return { title: t('adminToken.title') };
}

/** The commands as bin/cli.ts and the README give them. */
const ADMIN_CLIENT_COMMAND = `npm run -s cli -- client create --name "Ops bot" --app projects --type confidential --grant client_credentials \\
  --scope "admin:read admin:write" --admin-org ORG_ID --json`;

export default async function AdminTokenGuide() {
  const t = await getTranslations('docs');
  const base = issuer();
  const tokenRequest = `curl -X POST '${base}/oauth/token' \\
  -u "$CLIENT_ID:$CLIENT_SECRET" \\
  -d grant_type=client_credentials \\
  --data-urlencode 'scope=admin:read admin:write'`;
  const tokenResponse = `{
  "access_token": "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9…",
  "token_type": "Bearer",
  "expires_in": 900,
  "scope": "admin:read admin:write"
}`;
  const call = `TOKEN=$(curl -s -X POST '${base}/oauth/token' -u "$CLIENT_ID:$CLIENT_SECRET" \\
  -d grant_type=client_credentials --data-urlencode 'scope=admin:read' | jq -r .access_token)

curl '${base}/api/admin/organizations' -H "Authorization: Bearer $TOKEN"`;

  return (
    <GuidePage title={t('adminToken.title')} intro={t.rich('adminToken.intro', rich)}>
      <GuideSection id="client" title={t('adminToken.client.title')}>
        <p>{t.rich('adminToken.client.text', rich)}</p>
        <CodeBlock title={t('adminToken.client.appCaption')} code="npm run -s cli -- app create --name Projects --json" language="sh" />
        <CodeBlock title={t('adminToken.client.caption')} code={ADMIN_CLIENT_COMMAND} language="sh" />
        <ul className="grid list-disc gap-1 pl-5">
          <li>{t.rich('adminToken.client.output', rich)}</li>
          <li>{t.rich('adminToken.client.adminOrg', rich)}</li>
          <li>{t.rich('adminToken.client.rules', rich)}</li>
          <li>{t.rich('adminToken.client.rotate', rich)}</li>
        </ul>
      </GuideSection>

      <GuideSection id="token" title={t('adminToken.token.title')}>
        <p>{t.rich('adminToken.token.text', rich)}</p>
        <CodeBlock title={t('adminToken.token.caption')} code={tokenRequest} language="sh" />
        <CodeBlock title={t('adminToken.token.responseCaption')} code={tokenResponse} language="json" />
      </GuideSection>

      <GuideSection id="audience" title={t('adminToken.audience.title')}>
        <p>{t.rich('adminToken.audience.text', { ...rich, audience: `${base}/api/admin` })}</p>
      </GuideSection>

      <GuideSection id="lifetime" title={t('adminToken.lifetime.title')}>
        <p>{t.rich('adminToken.lifetime.text', rich)}</p>
      </GuideSection>

      <GuideSection id="call" title={t('adminToken.call.title')}>
        <p>{t.rich('adminToken.call.text', rich)}</p>
        <CodeBlock title={t('adminToken.call.caption')} code={call} language="sh" />
        <p>
          {t('adminToken.call.more')}{' '}
          <Link href="/docs" className="font-medium text-primary underline underline-offset-4">
            {t('nav.reference')}
          </Link>
        </p>
      </GuideSection>
    </GuidePage>
  );
}
