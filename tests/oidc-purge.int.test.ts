import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { createApp, createClient } from './harness/oidc';

const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

let clientId: string;
let userId: string;

beforeAll(async () => {
  const appId = await createApp(portalDb, 'Purge');
  clientId = (await createClient(portalDb, appId)).client_id;
  const email = `purge-${randomUUID()}@example.com`;
  userId = (await cli<{ user_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', 'Quiet-Meadow-Lantern-42')).user_id;
});

const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);
const DAY = 24 * 60 * 60 * 1000;

async function grant(createdAt: Date): Promise<string> {
  const id = randomUUID();
  await sql`insert into oauth_grants (id, client_id, user_id, scope, auth_time, created_at)
            values (${id}, ${clientId}, ${userId}, 'openid', ${createdAt}, ${createdAt})`;
  return id;
}

async function exists(table: string, column: string, value: string): Promise<boolean> {
  const rows = await sql`select 1 from ${sql(table)} where ${sql(column)} = ${value}`;
  return rows.length > 0;
}

describe('purge of protocol state', () => {
  it('drops what has expired and keeps what can still be presented', async () => {
    const oldGrant = await grant(ago(3 * DAY));
    const liveGrant = await grant(ago(3 * DAY));
    const tag = randomUUID();
    await sql`insert into refresh_tokens (token_hash, grant_id, client_id, scope, expires_at, absolute_expires_at)
              values (${`expired-${tag}`}, ${oldGrant}, ${clientId}, 'openid', ${ago(DAY)}, ${ahead(DAY)}),
                     (${`live-${tag}`}, ${liveGrant}, ${clientId}, 'openid', ${ahead(DAY)}, ${ahead(DAY)})`;
    await sql`insert into authorization_codes (code_hash, grant_id, client_id, redirect_uri, code_challenge, expires_at)
              values (${`old-code-${tag}`}, ${liveGrant}, ${clientId}, 'https://rp.example/callback', 'x', ${ago(2 * DAY)})`;
    await sql`insert into revoked_access_tokens (jti, expires_at) values (${`old-${tag}`}, ${ago(1000)}), (${`live-${tag}`}, ${ahead(60_000)})`;
    await sql`insert into used_client_assertions (jti, expires_at) values (${`old-${tag}`}, ${ago(1000)})`;

    await cli(portalDb, 'purge');

    expect(await exists('refresh_tokens', 'token_hash', `expired-${tag}`)).toBe(false);
    expect(await exists('refresh_tokens', 'token_hash', `live-${tag}`)).toBe(true);
    expect(await exists('oauth_grants', 'id', oldGrant)).toBe(false);
    expect(await exists('oauth_grants', 'id', liveGrant)).toBe(true);
    expect(await exists('authorization_codes', 'code_hash', `old-code-${tag}`)).toBe(false);
    expect(await exists('revoked_access_tokens', 'jti', `old-${tag}`)).toBe(false);
    expect(await exists('revoked_access_tokens', 'jti', `live-${tag}`)).toBe(true);
    expect(await exists('used_client_assertions', 'jti', `old-${tag}`)).toBe(false);
  });
});
