// An admin API body over the limit gets a clean 413 in the
// API's shape (server.ts refuses bodies past 1.5 MB before Next, lib/api/body.ts those past 64 KiB),
// even when the client sends it all. invalid_scope's wording: lib/oidc/scopes.test.ts.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInPerson, type Person } from './harness/admin-api';
import { queryPortalDb } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

describe('admin API bodies over the limit', () => {
  let platformAdmin: Person;

  beforeAll(async () => {
    platformAdmin = await signedInPerson(portalUrl, portalDb, 'body-limit', { platformAdmin: true });
  });

  it.each([
    ['2 MB', 2 * 1024 * 1024],
    ['100 KB', 100 * 1024],
  ])('answers a %s JSON body with 413 payload_too_large in the API’s shape, and creates nothing', async (_label, size) => {
    const name = `Too large ${size}`;
    const body = JSON.stringify({ name, padding: 'x'.repeat(size) });
    const res = await platformAdmin.api.request('POST', '/applications', body);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ error: 'payload_too_large' });
    expect(typeof res.body.message).toBe('string');
    const created = await queryPortalDb(portalDb, (sql) => sql`select id from applications where name = ${name}`);
    expect(created).toHaveLength(0);
  });
});
