import { parseArgs } from 'node:util';
import { z } from 'zod';
import { auditFilterFields, listAuditEntries, sinceNotAfterUntil, type AuditEntry } from '@/lib/audit/query';
import { OPERATOR } from '@/lib/domain/actor';
import { parse, type Output } from '../cli-support';

const OPTION_OF: Record<string, string> = { orgId: 'org' };

/** Who acted: an email for a user, else the id or the kind. */
function actorOf(e: AuditEntry): string {
  if (!e.actor) return e.user ? (e.user.email ?? e.user.id) : '-';
  return e.actor.email ?? e.actor.id ?? e.actor.kind;
}

const targetOf = (e: AuditEntry) => (e.user ? (e.user.email ?? e.user.id) : null);

/**
 * `audit list [--user E] [--actor A] [--action A] [--since ISO] [--until ISO] [--org ID] [--ip IP] [--limit N]`:
 * the newest entries first (default 50, at most 100).
 */
export async function auditList(args: string[]): Promise<Output> {
  const { values } = parseArgs({
    args,
    options: {
      user: { type: 'string' },
      actor: { type: 'string' },
      action: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      org: { type: 'string' },
      ip: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const schema = auditFilterFields.extend({ limit: z.coerce.number().int().min(1).max(100).default(50) }).refine(...sinceNotAfterUntil);
  const { limit, ...filter } = parse(
    schema,
    { user: values.user, actor: values.actor, action: values.action, since: values.since, until: values.until, orgId: values.org, ip: values.ip, limit: values.limit },
    (field) => OPTION_OF[field] ?? field,
  );
  const { items } = await listAuditEntries(OPERATOR, filter, { limit });
  const json = items.map((e) => ({
    time: e.time.toISOString(),
    action: e.action,
    actor: e.actor ? { kind: e.actor.kind, id: e.actor.id, email: e.actor.email } : null,
    target: e.user ? { id: e.user.id, email: e.user.email } : null,
    org_id: e.orgId,
    ip: e.ip,
    detail: e.detail,
  }));
  const text = items.length
    ? items
        .map((e) => [e.time.toISOString(), e.action.padEnd(32), actorOf(e).padEnd(30), (targetOf(e) ?? '-').padEnd(30), e.ip ?? '-'].join('  '))
        .join('\n')
    : 'No audit entries match.';
  const header = items.length ? `${'TIME'.padEnd(24)}  ${'ACTION'.padEnd(32)}  ${'ACTOR'.padEnd(30)}  ${'TARGET'.padEnd(30)}  IP\n` : '';
  return { json, text: header + text };
}
