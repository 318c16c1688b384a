import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { newEmail, signIn } from './harness/accounts';
import { signedInPerson } from './harness/admin-api';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf } from './harness/form-client';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

type Invitation = { id: string; email: string; lastSentAt: string };

/** As if the last mail of the invitation had gone out two minutes ago. */
const aMinuteLater = (id: string) => sql`update invitations set last_sent_at = now() - interval '2 minutes' where id = ${id}`;

describe('invitation mail limits', () => {
  it('the API refuses a resend within a minute of the last mail with 429, and sends it once the minute has passed', async () => {
    const owner = await signedInPerson(portalUrl, portalDb, 'inv-limit');
    const org = `/organizations/${owner.orgId}`;
    const made = await owner.api.post<Invitation>(`${org}/invitations`, { email: newEmail('resend-api'), role: 'user' });
    expect(made.status).toBe(201);
    const refused = await owner.api.post(`${org}/invitations/${made.body.id}/resend`);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: 'too_many_requests', message: expect.stringMatching(/sent moments ago/) });
    const [unchanged] = await sql`select last_sent_at from invitations where id = ${made.body.id}`;
    expect(new Date(unchanged!.last_sent_at as Date).toISOString()).toBe(new Date(made.body.lastSentAt).toISOString());

    await aMinuteLater(made.body.id);
    expect((await owner.api.post(`${org}/invitations/${made.body.id}/resend`)).status).toBe(200);
  });

  it('an address gets at most 3 invitation mails an hour', async () => {
    const owner = await signedInPerson(portalUrl, portalDb, 'inv-recipient');
    const org = `/organizations/${owner.orgId}`;
    const made = await owner.api.post<Invitation>(`${org}/invitations`, { email: `recipient-${randomUUID()}@example.com`, role: 'user' });
    for (let i = 0; i < 2; i++) {
      await aMinuteLater(made.body.id);
      expect((await owner.api.post(`${org}/invitations/${made.body.id}/resend`)).status).toBe(200);
    }
    await aMinuteLater(made.body.id);
    const refused = await owner.api.post(`${org}/invitations/${made.body.id}/resend`);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: 'too_many_requests', message: expect.stringMatching(/Too many invitation mails/) });
  });

  it('the console says so when Resend is pressed twice in a row', async () => {
    const owner = await signedInPerson(portalUrl, portalDb, 'inv-console');
    const invitee = newEmail('resend-console');
    const browser = new FormClient(portalUrl);
    await signIn(browser, owner.email);
    await browser.fill(`/org/${owner.orgId}/invitations`, 'Send invitation', { email: invitee, role: 'user' });
    const [row] = await sql`select id from invitations where email = ${invitee}`;
    await aMinuteLater(row!.id as string);
    const page = await browser.get(`/org/${owner.orgId}/invitations`);
    expect(textOf(await browser.submit(page, 'Resend'))).toContain(`A new link was sent to ${invitee}`);
    expect(textOf(await browser.submit(page, 'Resend'))).toContain('This invitation was sent moments ago');
  });
});
