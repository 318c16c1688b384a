// The audit log's downloads (the console's "Download CSV/JSON"): the rows the page's filters find,
// as GET /api/admin/audit/export gives them, but for the signed-in platform administrator. Anyone
// the console would refuse gets a 404, as its pages answer.
import { cookies } from 'next/headers';
import { auditCsv, auditJson } from '@/lib/audit/export';
import { requestMeta } from '@/lib/auth/request-context';
import { parseAuditFilterParams, type AuditFilterProblem } from '@/lib/audit/filter-params';
import { EXPORT_LIMIT, exportAuditEntries } from '@/lib/audit/query';
import { TIME_ZONE_COOKIE, validTimeZone } from '@/lib/i18n/time-zone';
import { platformConsoleActorOrNull } from '@/lib/platform/console-access';

export const dynamic = 'force-dynamic';

const PROBLEMS: Record<AuditFilterProblem, string> = {
  tooLong: 'too long.',
  badAction: 'use an event name, or a prefix ending in . or *.',
  badTime: 'use a date and time such as 2026-12-02T17:30.',
  sinceAfterUntil: 'must not be after until.',
};

export async function GET(req: Request): Promise<Response> {
  const admin = await platformConsoleActorOrNull();
  if (!admin) return Response.json({ error: 'not_found', message: 'Not found.' }, { status: 404 });
  const params = new URL(req.url).searchParams;
  const format = params.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'json') {
    return Response.json({ error: 'invalid_request', message: 'format: use csv or json.' }, { status: 400 });
  }
  const timeZone = validTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value) ?? 'UTC';
  const { filter, problems } = parseAuditFilterParams(params, timeZone);
  const refused = Object.entries(problems);
  if (refused.length) {
    const message = refused.map(([field, problem]) => `${field}: ${PROBLEMS[problem]}`).join(' ');
    return Response.json({ error: 'invalid_request', message }, { status: 400 });
  }
  const { entries, truncated } = await exportAuditEntries(admin.actor, filter, await requestMeta());
  const name = `audit-${new Date().toISOString().slice(0, 10)}.${format}`;
  const headers: Record<string, string> = {
    'Cache-Control': 'no-store',
    'Content-Disposition': `attachment; filename="${name}"`,
    ...(truncated ? { 'X-Export-Truncated': 'true' } : {}),
  };
  if (format === 'json') return Response.json({ items: entries.map(auditJson), truncated, limit: EXPORT_LIMIT }, { headers });
  return new Response(auditCsv(entries), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
}
