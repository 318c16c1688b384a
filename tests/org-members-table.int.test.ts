import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newEmail, PASSWORD, signIn } from './harness/accounts';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf, type Page } from './harness/form-client';
import { formFor } from './harness/form-page';
import { createApp } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

/** A tag in every address of this file, so searches only ever meet its own people. */
const tag = randomUUID().slice(0, 8);
let owner: { email: string; orgId: string; browser: FormClient };
let editorRoleId: string;

/** Members straight in the database: 24 people make two pages of 20. */
async function addMembers(orgId: string, people: { name: string; role: 'owner' | 'admin' | 'user'; joined: string }[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of people) {
    const id = randomUUID();
    const email = `${p.name.toLowerCase().replace(/\s+/g, '.')}-${tag}@example.com`;
    await sql`insert into users (id, name, email, email_verified) values (${id}, ${p.name}, ${email}, now())`;
    const [role] = await sql`select id from roles where org_id = ${orgId} and name = ${p.role} and is_system`;
    await sql`insert into memberships (org_id, user_id, role_id, created_at) values (${orgId}, ${id}, ${role!.id}, ${p.joined})`;
    ids.push(id);
  }
  return ids;
}

/** The member names of the table on a page, in order. */
const namesOf = (page: Page) => page.doc.querySelectorAll('main table tbody tr').map((tr) => tr.querySelector('td p')!.text.trim());
const membersUrl = (query: Record<string, string> = {}) => `/org/${owner.orgId}/members?${new URLSearchParams(query)}`;

beforeAll(async () => {
  const email = newEmail(`table-owner-${tag}`);
  const made = await cli<{ org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD, '--name', `Zed Owner ${tag}`);
  const browser = new FormClient(portalUrl);
  await signIn(browser, email);
  owner = { email, orgId: made.org_id, browser };
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWX'.split('');
  const ids = await addMembers(
    owner.orgId,
    letters.map((l, i) => ({ name: `${l}${l.toLowerCase()} Person`, role: i % 6 === 0 ? 'admin' : 'user', joined: `2025-01-${String(i + 1).padStart(2, '0')}T12:00:00Z` })),
  );
  const appId = await createApp(portalDb, 'Members table');
  const [app] = await sql`select key from applications where id = ${appId}`;
  editorRoleId = (await cli<{ role_id: string }>(portalDb, 'role', 'create', '--org', owner.orgId, '--app', app!.key as string, '--name', 'editor')).role_id;
  for (const userId of [ids[1], ids[4]]) await sql`insert into member_roles (org_id, user_id, role_id) values (${owner.orgId}, ${userId!}, ${editorRoleId})`;
});

describe('members table', () => {
  it('counts everyone, pages by 20 with numbered links, and names the page', async () => {
    const first = await owner.browser.get(membersUrl());
    expect(textOf(first)).toContain('25 members');
    expect(first.doc.querySelector('title')!.text).toContain('Members — ');
    expect(namesOf(first)).toHaveLength(20);
    expect(namesOf(first).slice(0, 3)).toEqual(['Aa Person', 'Bb Person', 'Cc Person']);
    const pages = first.doc.querySelector('nav[aria-label="Pages"]')!;
    expect(pages.querySelector('[aria-current="page"]')!.text.trim()).toBe('1');
    const second = await owner.browser.get(pages.querySelector('a[aria-label="Page 2"]')!.getAttribute('href')!);
    expect(namesOf(second)).toEqual(['Uu Person', 'Vv Person', 'Ww Person', 'Xx Person', `Zed Owner ${tag}`]);
    // A page past the end answers the last one rather than an empty table.
    expect(namesOf(await owner.browser.get(membersUrl({ page: '99' })))).toEqual(namesOf(second));
  });

  it('searches by name or email, filters by system role and by application role', async () => {
    const byName = await owner.browser.get(membersUrl({ q: 'bb person' }));
    expect(namesOf(byName)).toEqual(['Bb Person']);
    expect(textOf(byName)).toContain('1 member matches');
    expect(namesOf(await owner.browser.get(membersUrl({ q: `cc.person-${tag}` })))).toEqual(['Cc Person']);
    expect(namesOf(await owner.browser.get(membersUrl({ role: 'admin' })))).toEqual(['Aa Person', 'Gg Person', 'Mm Person', 'Ss Person']);
    expect(namesOf(await owner.browser.get(membersUrl({ role: 'owner' })))).toEqual([`Zed Owner ${tag}`]);
    expect(namesOf(await owner.browser.get(membersUrl({ appRole: editorRoleId })))).toEqual(['Bb Person', 'Ee Person']);
    const none = await owner.browser.get(membersUrl({ q: 'nobody-at-all' }));
    expect(textOf(none)).toContain('Nobody matches these filters.');
    // Nonsense in the URL is ignored, not an error.
    const odd = await owner.browser.get(membersUrl({ role: 'emperor', sort: 'shoe size', page: '-3', appRole: 'x' }));
    expect(odd.status).toBe(200);
    expect(namesOf(odd)).toHaveLength(20);
  });

  it('sorts by name, email, role and joined date in both directions', async () => {
    expect(namesOf(await owner.browser.get(membersUrl({ sort: '-name' }))).slice(0, 2)).toEqual([`Zed Owner ${tag}`, 'Xx Person']);
    expect(namesOf(await owner.browser.get(membersUrl({ sort: 'email' }))).slice(0, 2)).toEqual(['Aa Person', 'Bb Person']);
    expect(namesOf(await owner.browser.get(membersUrl({ sort: '-email' }))).slice(0, 1)).toEqual(['Xx Person']);
    expect(namesOf(await owner.browser.get(membersUrl({ sort: 'role' }))).slice(0, 5)).toEqual([`Zed Owner ${tag}`, 'Aa Person', 'Gg Person', 'Mm Person', 'Ss Person']);
    expect(namesOf(await owner.browser.get(membersUrl({ sort: '-role', page: '2' })))).toEqual(['Aa Person', 'Gg Person', 'Mm Person', 'Ss Person', `Zed Owner ${tag}`]);
    expect(namesOf(await owner.browser.get(membersUrl({ sort: 'joined' }))).slice(0, 2)).toEqual(['Aa Person', 'Bb Person']);
    const newest = await owner.browser.get(membersUrl({ sort: '-joined' }));
    expect(namesOf(newest).slice(0, 2)).toEqual([`Zed Owner ${tag}`, 'Xx Person']);
    // The column header says how the table is sorted and links to the other direction.
    const header = newest.doc.querySelector('th[aria-sort]')!;
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(header.querySelector('a')!.getAttribute('href')).toBe(`/org/${owner.orgId}/members?sort=joined`);
  });

  it('changes a role and the control then shows the new role, without JavaScript', async () => {
    const [target] = await sql`select u.id from users u where u.email = ${`dd.person-${tag}@example.com`}`;
    const userId = target!.id as string;
    const page = await owner.browser.get(membersUrl({ q: 'dd person' }));
    const changed = await owner.browser.submit(formFor(page, 'userId', userId, 'Change role'), 'Change role', { role: 'admin' });
    expect(textOf(changed)).toContain(`dd.person-${tag}@example.com is now Admin.`);
    const [row] = await sql`select r.name from memberships m join roles r on r.id = m.role_id where m.org_id = ${owner.orgId} and m.user_id = ${userId}`;
    expect(row!.name).toBe('admin');
    const select = formFor(changed, 'userId', userId, 'Change role').doc.querySelector('select[name="role"]')!;
    expect(select.querySelector('option[selected]')?.getAttribute('value')).toBe('admin');
    const again = formFor(await owner.browser.get(membersUrl({ q: 'dd person' })), 'userId', userId, 'Change role');
    expect(again.doc.querySelector('select[name="role"] option[selected]')?.getAttribute('value')).toBe('admin');
  });

  it('asks before removing a member, and Cancel without JavaScript leaves them in', async () => {
    const [target] = await sql`select id from users where email = ${`ff.person-${tag}@example.com`}`;
    const userId = target!.id as string;
    const page = await owner.browser.get(membersUrl({ q: 'ff person' }));
    const asked = await owner.browser.submit(formFor(page, 'userId', userId, 'Remove from organization'), 'Remove from organization');
    expect(textOf(asked)).toContain(`Remove ff.person-${tag}@example.com from the organization?`);
    const confirmForm = formFor(asked, 'userId', userId, 'Yes, remove');
    expect(confirmForm.doc.querySelectorAll('button').map((b) => b.text.trim())).toEqual(['Yes, remove', 'Cancel']);
    const cancelled = await owner.browser.submit(confirmForm, 'Cancel', { cancel: '1' });
    expect(textOf(cancelled)).not.toContain('was removed');
    const [still] = await sql`select 1 from memberships where org_id = ${owner.orgId} and user_id = ${userId}`;
    expect(still).toBeDefined();
  });
});

describe('inviting several people at once', () => {
  const invitationsUrl = () => `/org/${owner.orgId}/invitations`;

  it('refuses the whole list when one address is malformed, naming it by the field', async () => {
    const good = newEmail(`multi-good-${tag}`);
    const answer = await owner.browser.fill(invitationsUrl(), 'Send invitation', { email: `${good}, not-an-address`, role: 'user' });
    expect(fieldError(answer, 'email')).toContain('not-an-address');
    expect(fieldError(answer, 'email')).not.toContain(good);
    expect(answer.doc.querySelector('#field-email')!.text).toContain('not-an-address');
    const [sent] = await sql`select count(*)::int as n from invitations where email = ${good}`;
    expect(sent!.n).toBe(0);
  });

  it('invites each address of a comma, space and newline separated list and reports each one', async () => {
    const first = newEmail(`multi-a-${tag}`);
    const second = newEmail(`multi-b-${tag}`);
    const memberEmail = `aa.person-${tag}@example.com`;
    const answer = await owner.browser.fill(invitationsUrl(), 'Send invitation', { email: `${first},${second}\n${memberEmail}`, role: 'user' });
    const results = answer.doc.querySelectorAll('ul[aria-label="Result for each address"] li').map((li) => li.text.trim());
    expect(results).toEqual([`${first}: invitation sent.`, `${second}: invitation sent.`, `${memberEmail}: This person is already a member of the organization.`]);
    expect(textOf(answer)).toContain('2 invitations sent, 1 address failed');
    // The field keeps only the address that failed.
    expect(answer.doc.querySelector('#field-email')!.text.trim()).toBe(memberEmail);
    const rows = await sql`select email from invitations where org_id = ${owner.orgId} and email in (${first}, ${second}) and revoked_at is null`;
    expect(rows.map((r) => r.email).sort()).toEqual([first, second].sort());
  });
});
