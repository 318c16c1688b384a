import { randomUUID } from 'node:crypto';
import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, inject, it } from 'vitest';
import { cli } from './harness/cli';
import { createApp } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

// <pre> parsed as elements (node-html-parser keeps it as raw text by default), so its <code> can be read.
const parseHtml = (html: string) => parse(html, { blockTextElements: { script: true, noscript: true, style: true } });

type OpenApi = { paths: Record<string, Record<string, { operationId: string; requestBody?: object }>> };

async function page(path: string): Promise<HTMLElement> {
  const res = await fetch(`${portalUrl}${path}`);
  expect(res.status, path).toBe(200);
  const html = parseHtml(await res.text());
  expect(html.text, `${path} shows no untranslated message key`).not.toMatch(/\bdocs\.[a-zA-Z]+\.[a-zA-Z.]+/);
  return html;
}

/** The code blocks of a page, as a person would copy them. */
const codeBlocks = (doc: HTMLElement) => doc.querySelectorAll('pre code').map((c) => c.textContent);

/** Enough of a POSIX shell's word splitting for the guide's commands: quotes and line continuations. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  const text = command.replace(/\\\n/g, ' ');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      const end = text.indexOf(ch, i + 1);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + ch;
  }
  if (word !== null) words.push(word);
  return words;
}

describe('API reference', () => {
  it('lists every operation of the OpenAPI document in the sidebar, each with its section and a curl line', async () => {
    const doc = (await (await fetch(`${portalUrl}/api/openapi.json`)).json()) as OpenApi;
    const html = await page('/docs');
    expect(html.querySelector('main#main')?.getAttribute('tabindex')).toBe('-1');
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(40);
    for (const { path, method, op } of operations) {
      const id = op.operationId;
      expect(html.querySelector(`nav a[href="#${id}"]`), `sidebar link to ${id}`).not.toBeNull();
      const article = html.getElementById(id);
      expect(article, id).not.toBeNull();
      const curl = codeBlocks(article!).find((c) => c.startsWith('curl '));
      expect(curl, `curl line of ${id}`).toContain(`curl -X ${method.toUpperCase()} '${portalUrl}${path.split('{')[0]}`);
      expect(curl).toContain('-H "Authorization: Bearer $TOKEN"');
      if (op.requestBody) {
        expect(curl).toContain("-H 'Content-Type: application/json'");
        expect(curl).toMatch(/-d '\{/);
      } else expect(curl).not.toContain(' -d ');
    }
  });

  it('shows generated example bodies: a request body for createOrganization and a response for listMembers', async () => {
    const html = await page('/docs');
    const bodies = (id: string) => codeBlocks(html.getElementById(id)!).filter((c) => c.startsWith('{'));
    const [request] = bodies('createOrganization');
    expect(JSON.parse(request!)).toEqual(expect.objectContaining({ name: expect.any(String) }));
    const [response] = bodies('listMembers');
    expect(JSON.parse(response!)).toEqual(expect.objectContaining({ items: [expect.any(Object)] }));
  });

  it('speaks French chrome for a French reader, and keeps the operations', async () => {
    const res = await fetch(`${portalUrl}/docs`, { headers: { 'accept-language': 'fr' } });
    const html = parseHtml(await res.text());
    expect(html.querySelector('a[href="/docs/admin-token"]')?.text).toBe('Obtenir un jeton d’administration');
    expect(html.getElementById('listMembers')).not.toBeNull();
  });
});

describe('guides', () => {
  it('the admin token guide’s commands work as written: client create, token request, one call', async () => {
    const html = await page('/docs/admin-token');
    expect(html.querySelector('main#main')).not.toBeNull();
    expect(html.querySelector('h1')?.text).toBe('Getting an admin token');
    const blocks = codeBlocks(html);
    const create = blocks.find((c) => c.includes('client create'))!;
    expect(create).toContain('npm run -s cli -- client create');
    expect(create).toContain('--scope "admin:read admin:write"');
    expect(html.text).toContain(`${portalUrl}/api/admin`);

    // Run the command as printed, with a real application and organization in place of the placeholders.
    const app = await createApp(portalDb, 'Docs guide');
    const { org_id: orgId } = await cli<{ org_id: string }>(
      portalDb, 'user', 'create', '--email', `docs-${randomUUID().slice(0, 8)}@example.com`, '--password', 'correct horse battery staple',
    );
    const words = shellWords(create);
    expect(words.slice(0, 4)).toEqual(['npm', 'run', '-s', 'cli']);
    const args = words.slice(5).filter((w) => w !== '--json').map((w) => (w === 'projects' ? app : w === 'ORG_ID' ? orgId : w));
    const client = await cli<{ client_id: string; client_secret: string }>(portalDb, ...args);

    // The token request as curl sends it: -u id:secret, grant_type, the scope url-encoded.
    const tokenRequest = blocks.find((c) => c.includes('grant_type=client_credentials') && c.startsWith('curl'))!;
    expect(tokenRequest).toContain(`${portalUrl}/oauth/token`);
    const res = await fetch(`${portalUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'admin:read admin:write' }).toString(),
    });
    const token = (await res.json()) as { access_token: string; expires_in: number; scope: string };
    expect(res.status).toBe(200);
    expect(token.expires_in).toBe(900);
    expect(token.scope).toBe('admin:read admin:write');
    const orgs = await fetch(`${portalUrl}/api/admin/organizations`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(orgs.status).toBe(200);
    expect(((await orgs.json()) as { items: { id: string }[] }).items.map((o) => o.id)).toEqual([orgId]);
  }, 180_000); // three CLI runs on a loaded machine

  it('the OIDC guide gives the discovery URL, the real client command, the claims and a jose example', async () => {
    const html = await page('/docs/oidc');
    expect(html.querySelector('main#main')).not.toBeNull();
    const blocks = codeBlocks(html);
    const discovery = `${portalUrl}/.well-known/openid-configuration`;
    expect(blocks).toContain(discovery);
    expect((await fetch(discovery)).status).toBe(200);
    const register = blocks.find((c) => c.includes('client create'))!;
    expect(register).toContain('npm run -s cli -- app create --name Projects --json');
    expect(register).toContain('npm run -s cli -- client create --name "Projects web" --app projects --type confidential');
    for (const claim of ['org_id', 'roles', 'permissions', 'features']) expect(html.querySelector('dl')?.text).toContain(claim);
    expect(html.text).toContain('{service}.{resource}.{action}');
    const example = blocks.find((c) => c.includes('createRemoteJWKSet'))!;
    expect(example).toContain('jwtVerify');
    expect(example).toContain(`${portalUrl}`);
    expect(blocks.some((c) => c.includes('grant_type=refresh_token'))).toBe(true);
    expect(blocks.some((c) => c.startsWith(`${portalUrl}/oauth/end-session?`))).toBe(true);
  });

  it('the guide’s client command parses like a shell would', () => {
    expect(shellWords(`a --name "Ops bot" \\\n  --scope 'x y'`)).toEqual(['a', '--name', 'Ops bot', '--scope', 'x y']);
  });
});
