// Quota alert mails: an organization's owners hear once when a hard quota reaches 80% and once at
// 100% in a period, through the test SMTP receiver; plain members never, soft quotas never.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD } from './harness/accounts';
import { cli } from './harness/cli';
import { basicAuth, createClient, queryPortalDb } from './harness/oidc';
import { readMails, waitForMail, type ReceivedMail } from './harness/smtp-receiver';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const mailDir = inject('mailDir');

const QUOTAS = {
  api_calls: { limit: 10, period: 'month', enforcement: 'hard' },
  seats: { limit: 5, period: 'month', enforcement: 'hard' },
  storage: { limit: 10, period: 'month', enforcement: 'soft' },
  sentinel: { limit: 10, period: 'lifetime', enforcement: 'hard' },
};

let app: { app_id: string; key: string; name: string };
let token: string;

type Org = { id: string; owners: string[]; member: string };
type Result = { status: string; code?: string; warning?: string; total: number };

async function organization(): Promise<Org> {
  const email = (label: string) => `${label}-${randomUUID()}@example.com`;
  const owner = email('quota-owner');
  const { org_id: id } = await cli<{ org_id: string }>(portalDb, 'user', 'create', '--email', owner, '--password', PASSWORD, '--name', 'Owner');
  const [coOwner, member] = [email('quota-co-owner'), email('quota-member')];
  await Promise.all([
    cli(portalDb, 'user', 'create', '--email', coOwner, '--password', PASSWORD, '--name', 'Co-owner', '--org', id, '--role', 'owner'),
    cli(portalDb, 'user', 'create', '--email', member, '--password', PASSWORD, '--name', 'Member', '--org', id, '--role', 'user'),
    cli(portalDb, 'subscription', 'set', '--org', id, '--app', app.key, '--plan', 'metered'),
  ]);
  return { id, owners: [owner, coOwner], member };
}

async function record(orgId: string, meter: string, value: number): Promise<{ status: number; results: Result[] }> {
  const res = await fetch(`${portalUrl}/api/consumption`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events: [{ id: randomUUID(), org_id: orgId, meter, value }] }),
  });
  return { status: res.status, results: ((await res.json()) as { results: Result[] }).results };
}

const mailsTo = (to: string, about: RegExp): ReceivedMail[] => readMails(mailDir).filter((m) => m.to === to && about.test(m.subject));
const alertsOf = (orgId: string) =>
  queryPortalDb(portalDb, (sql) => sql<{ meter: string; threshold: number }[]>`select meter, threshold from usage_alerts where org_id = ${orgId} order by meter, threshold`);

/**
 * The mail queue starts jobs in the order queued: once the alert of another quota, queued after a
 * step, has arrived, a mail the step had queued has had its turn.
 */
async function afterQueuedMails(org: Org): Promise<void> {
  expect((await record(org.id, 'sentinel', 10)).results[0]!.status).toBe('recorded');
  await waitForMail(mailDir, org.owners[0]!, /reached its sentinel limit/);
}

beforeAll(async () => {
  const name = `Quota Alerts ${randomUUID().slice(0, 8)}`;
  app = { ...(await cli<{ app_id: string; key: string }>(portalDb, 'app', 'create', '--name', name)), name };
  await cli(portalDb, 'plan', 'create', '--app', app.key, '--key', 'metered', '--name', 'Metered', '--default');
  await queryPortalDb(portalDb, (sql) => sql`update plans set quotas = ${sql.json(QUOTAS)} where application_id = ${app.app_id}`);
  const client = await createClient(portalDb, app.app_id, '--grant', 'client_credentials', '--scope', 'consumption:write');
  const res = await fetch(`${portalUrl}/oauth/token`, {
    method: 'POST',
    headers: { authorization: basicAuth(client.client_id, client.client_secret!), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=consumption:write',
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});

describe('quota alert mails', () => {
  it('mails each owner once at 80% and once at 100% of a hard quota, not again on refusals, and never a plain member', async () => {
    const org = await organization();

    expect((await record(org.id, 'api_calls', 8)).results[0]).toMatchObject({ status: 'recorded', total: 8 });
    const at80 = await Promise.all(org.owners.map((owner) => waitForMail(mailDir, owner, /used 80% of its api_calls limit/)));
    for (const mail of at80) {
      expect(mail.subject).toContain(app.name);
      expect(mail.text).toContain(`has used 8 api_calls of its limit of 10 on ${app.name}`);
      expect(mail.text).toMatch(/The period resets on \w{3}, 01 \w{3} \d{4} 00:00:00 GMT\./);
      expect(mail.text).toContain(`${portalUrl}/org/${org.id}/usage`);
    }

    expect((await record(org.id, 'api_calls', 2)).results[0]).toMatchObject({ status: 'recorded', total: 10 });
    const at100 = await Promise.all(org.owners.map((owner) => waitForMail(mailDir, owner, /reached its api_calls limit/)));
    expect(at100[0]!.text).toContain(`has used 10 api_calls of its limit of 10 on ${app.name}. ${app.name} now refuses more api_calls until the period resets.`);

    for (let i = 0; i < 3; i++) {
      const refused = await record(org.id, 'api_calls', 1);
      expect(refused.status).toBe(429);
      expect(refused.results[0]).toMatchObject({ status: 'rejected', code: 'quota_exceeded' });
    }
    await afterQueuedMails(org);

    for (const owner of org.owners) {
      expect(mailsTo(owner, /api_calls/).map((m) => m.subject)).toEqual([
        expect.stringMatching(/used 80% of its api_calls limit/),
        expect.stringMatching(/reached its api_calls limit/),
      ]);
    }
    expect(mailsTo(org.member, /./)).toEqual([]);
    expect(await alertsOf(org.id)).toEqual([
      { meter: 'api_calls', threshold: 80 },
      { meter: 'api_calls', threshold: 100 },
      { meter: 'sentinel', threshold: 80 },
      { meter: 'sentinel', threshold: 100 },
    ]);
  });

  it('a quota reached at once mails only at 100%, and settles the 80% alert of the period', async () => {
    const org = await organization();
    expect((await record(org.id, 'seats', 5)).results[0]).toMatchObject({ status: 'recorded', total: 5 });
    const mail = await waitForMail(mailDir, org.owners[0]!, /reached its seats limit/);
    expect(mail.text).toContain('has used 5 seats of its limit of 5');
    // The lifetime quota's mail says it does not reset.
    await afterQueuedMails(org);
    expect(mailsTo(org.owners[0]!, /sentinel/)[0]!.text).toContain('it does not reset');

    expect(mailsTo(org.owners[0]!, /seats/)).toHaveLength(1);
    expect((await alertsOf(org.id)).filter((a) => a.meter === 'seats')).toEqual([
      { meter: 'seats', threshold: 80 },
      { meter: 'seats', threshold: 100 },
    ]);
  });

  it('a refusal short of the limit mails at 100%: the application refused usage', async () => {
    const org = await organization();
    expect((await record(org.id, 'api_calls', 9)).results[0]).toMatchObject({ status: 'recorded', total: 9 });
    expect((await record(org.id, 'api_calls', 5)).status).toBe(429);
    const mail = await waitForMail(mailDir, org.owners[0]!, /reached its api_calls limit/);
    expect(mail.text).toContain(`has used 9 api_calls of its limit of 10 on ${app.name}, and ${app.name} refused usage that would have passed the limit.`);
  });

  it('a soft quota never mails, however far it is passed', async () => {
    const org = await organization();
    expect((await record(org.id, 'storage', 9)).results[0]).toMatchObject({ status: 'recorded', total: 9 });
    expect((await record(org.id, 'storage', 20)).results[0]).toMatchObject({ status: 'recorded', total: 29, warning: 'soft_limit_exceeded' });
    await afterQueuedMails(org);

    for (const owner of org.owners) expect(mailsTo(owner, /storage/)).toEqual([]);
    expect((await alertsOf(org.id)).filter((a) => a.meter === 'storage')).toEqual([]);
  });
});
