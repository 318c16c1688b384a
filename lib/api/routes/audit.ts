import { z } from 'zod';
import { auditCsv, auditJson } from '@/lib/audit/export';
import { auditFilterFields, EXPORT_LIMIT, exportAuditEntries, listAuditEntries, sinceNotAfterUntil } from '@/lib/audit/query';
import { defineRoute } from '../route';
import { page, pageQuery, timestamp } from '../schemas';

const auditEntrySchema = z
  .object({
    id: z.string(),
    time: timestamp,
    action: z.string().meta({ example: 'platform.client_disabled' }),
    actor: z
      .object({ kind: z.enum(['user', 'client', 'operator']), id: z.string().nullable(), email: z.string().nullable() })
      .nullable()
      .meta({ description: 'Who acted, when someone other than the subject did (null: the subject, or the system). email for a user.' }),
    user: z.object({ id: z.string(), email: z.string().nullable() }).nullable().meta({ description: 'The user the event is about.' }),
    orgId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

const format = z.enum(['csv', 'json']).default('json').meta({ description: 'csv: text/csv with a header row; json: application/json.' });

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    path: '/audit',
    operationId: 'listAuditEntries',
    tag: 'Audit',
    summary: 'Search the audit log',
    description: 'Platform actors only. Newest first; every filter given must hold (limit defaults to 50 here).',
    query: auditFilterFields.extend(pageQuery.shape).refine(...sinceNotAfterUntil),
    response: page(auditEntrySchema),
    errors: [400, 403],
    handler: async ({ actor, query: { cursor, limit, ...filter } }) => {
      const found = await listAuditEntries(actor, filter, { cursor, limit });
      return { ...found, items: found.items.map(auditJson) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/audit/export',
    operationId: 'exportAuditEntries',
    tag: 'Audit',
    summary: 'Export the audit log',
    description:
      `Platform actors only. The entries the same filters find, newest first, at most ${EXPORT_LIMIT.toLocaleString('en')}: ` +
      'narrow the filters for more (truncated says so in JSON; the X-Export-Truncated: true header in both formats). ' +
      'In CSV, a cell starting with = + - or @ is prefixed with \u2019 so spreadsheets do not run it as a formula.',
    query: auditFilterFields.extend({ format }).refine(...sinceNotAfterUntil),
    response: z.object({ items: z.array(auditEntrySchema), truncated: z.boolean(), limit: z.number().int() }).meta({ id: 'AuditExport' }),
    alsoProduces: ['text/csv'],
    errors: [400, 403],
    handler: async ({ actor, meta, query: { format, ...filter } }) => {
      const { entries, truncated } = await exportAuditEntries(actor, filter, meta);
      const day = new Date().toISOString().slice(0, 10);
      const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...(truncated ? { 'X-Export-Truncated': 'true' } : {}) };
      if (format === 'json') return Response.json({ items: entries.map(auditJson), truncated, limit: EXPORT_LIMIT }, { headers });
      return new Response(auditCsv(entries), {
        headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="audit-${day}.csv"` },
      });
    },
  }),
];
