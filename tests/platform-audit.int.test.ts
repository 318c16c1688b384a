// The audit log as platform administrators search and export it: filters by action (name or
// prefix), actor, subject user and time, newest first page by page; CSV (quoted, formula cells
// defused) and JSON exports of the same rows, each export audited; the CLI's `audit list`; nobody else may read it.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInPerson, type Person } from './harness/admin-api';
import { cli } from './harness/cli';
import { createApp, createClient } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

type Entry = {
  id: string;
  time: string;
  action: string;
  actor: { kind: string; id: string | null; email: string | null } | null;
  user: { id: string; email: string | null } | null;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, unknown>;
};
type Listing = { items: Entry[]; nextCursor: string | null };

let platform: Person;
let owner: Person;
let clientId: string;
/** Before the platform administrator's client changes below. */
let startedAt: string;
const AGENT = '=HYPERLINK("https://evil.example","click")';
const IP = '198.51.100.23';

beforeAll(async () => {
  [platform, owner] = await Promise.all([
    signedInPerson(portalUrl, portalDb, 'pa-platform', { platformAdmin: true }),
    signedInPerson(portalUrl, portalDb, 'pa-owner'),
  ]);
  const appId = await createApp(portalDb, 'Platform audit');
  clientId = (await createClient(portalDb, appId)).client_id;
  // After the owner's sign-in (awaited above; one clock, the machine's, stamps both).
  startedAt = new Date().toISOString();
  const headers = { 'user-agent': AGENT, 'x-forwarded-for': IP };
  for (const step of ['disable', 'enable', 'disable']) {
    expect((await platform.api.request('POST', `/clients/${clientId}/${step}`, {}, headers)).status).toBe(200);
  }
}, 120_000);

const list = (query: string) => platform.api.get<Listing>(`/audit?${query}`);
/** Only what this file's platform administrator did. */
const mine = () => `actor=${encodeURIComponent(platform.email)}`;

describe('searching the audit log', () => {
  it('filters by action and actor, newest first, with who acted, from where', async () => {
    const res = await list(`${mine()}&action=platform.client_disabled`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e) => e.action)).toEqual(['platform.client_disabled', 'platform.client_disabled']);
    const [newest, older] = res.body.items;
    expect(newest!.time >= older!.time).toBe(true);
    expect(newest).toMatchObject({
      actor: { kind: 'user', id: platform.userId, email: platform.email },
      user: null,
      ip: IP,
      userAgent: AGENT,
      detail: { client_id: clientId },
    });
  });

  it('takes an action prefix, and pages with the cursor', async () => {
    const all = await list(`${mine()}&action=platform.`);
    expect(all.body.items.map((e) => e.action)).toEqual(['platform.client_disabled', 'platform.client_enabled', 'platform.client_disabled']);
    const first = await list(`${mine()}&action=platform.client_*&limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await list(`${mine()}&action=platform.client_*&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e) => e.id)).toEqual([all.body.items[2]!.id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('filters by the subject user and by time', async () => {
    const signIns = await list(`user=${encodeURIComponent(owner.email)}&action=user.sign_in`);
    expect(signIns.body.items.length).toBeGreaterThanOrEqual(1);
    expect(signIns.body.items.every((e) => e.user?.id === owner.userId && e.user.email === owner.email)).toBe(true);
    const byId = await list(`user=${owner.userId}&action=user.sign_in`);
    expect(byId.body.items.map((e) => e.id)).toEqual(signIns.body.items.map((e) => e.id));
    // The owner signed in before startedAt: nothing of theirs since.
    expect((await list(`user=${owner.userId}&since=${encodeURIComponent(startedAt)}`)).body.items).toEqual([]);
    expect((await list(`${mine()}&since=${encodeURIComponent(startedAt)}&until=${encodeURIComponent(new Date().toISOString())}`)).body.items).toHaveLength(3);
  });

  it('refuses a malformed filter or cursor with 400', async () => {
    const [backwards, action, cursor] = await Promise.all([
      list('since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z'),
      list('action=DROP TABLE'),
      list('cursor=not-ours'),
    ]);
    expect([backwards.status, action.status, cursor.status]).toEqual([400, 400, 400]);
    expect(backwards.body).toMatchObject({ error: 'invalid_request', details: { since: ['must not be after until'] } });
  });
});

describe('exporting the audit log', () => {
  it('as CSV: a header row, every field quoted, formula cells defused', async () => {
    const res = await fetch(`${portalUrl}/api/admin/audit/export?format=csv&${mine()}&action=platform.client_*`, {
      headers: { cookie: (platform.api.credentials as { cookie: string }).cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('time,action,actor_kind,actor_id,actor_email,user_id,user_email,org_id,ip,user_agent,detail');
    expect(lines).toHaveLength(5); // header, 3 rows, the final line end
    expect(lines[1]).toMatch(
      new RegExp(`^"[^"]+","platform\\.client_disabled","user","${platform.userId}","${platform.email}",,,,"${IP}","'=HYPERLINK\\(""https://evil\\.example"",""click""\\)","\\{""client_id"":""${clientId}"".*\\}"$`),
    );
    expect(lines[4]).toBe('');

    // The export is itself in the log: who took which rows out.
    const exports = await list(`${mine()}&action=platform.audit_exported`);
    expect(exports.body.items).toHaveLength(1);
    expect(exports.body.items[0]).toMatchObject({
      actor: { kind: 'user', id: platform.userId },
      detail: { rows: 3, truncated: false, filter: { action: 'platform.client_*', actor: platform.email } },
    });
  });

  it('as JSON: the same rows as the search, and the cap', async () => {
    // One after the other: each export adds its own entry once its rows are read.
    const listed = await list(`${mine()}&action=platform.`);
    const exported = await platform.api.get<{ items: Entry[]; truncated: boolean; limit: number }>(`/audit/export?format=json&${mine()}&action=platform.`);
    expect(exported.status).toBe(200);
    expect(exported.body.truncated).toBe(false);
    expect(exported.body.limit).toBe(10_000);
    expect(exported.body.items).toEqual(listed.body.items);
  });
});

describe('the CLI', () => {
  it('lists entries with --json: time, action, actor, target, IP', async () => {
    const rows = await cli<Array<Record<string, unknown>>>(portalDb, 'audit', 'list', '--action', 'platform.client_*', '--actor', platform.email, '--limit', '2');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      time: expect.any(String),
      action: 'platform.client_disabled',
      actor: { kind: 'user', id: platform.userId, email: platform.email },
      target: null,
      ip: IP,
    });
    const signIns = await cli<Array<Record<string, unknown>>>(portalDb, 'audit', 'list', '--user', owner.email, '--action', 'user.sign_in', '--since', '2020-01-01');
    expect(signIns.length).toBeGreaterThanOrEqual(1);
    expect(signIns.every((r) => (r.target as { email: string }).email === owner.email)).toBe(true);
  });
});

describe('someone who is no platform administrator', () => {
  it('may neither search nor export the audit log', async () => {
    const [search, exported] = await Promise.all([owner.api.get('/audit'), owner.api.get('/audit/export?format=json')]);
    expect([search.status, exported.status]).toEqual([403, 403]);
    expect(search.body).toMatchObject({ error: 'forbidden' });
  });
});
