import type { AuditEntry } from './query';

export const CSV_COLUMNS = [
  'time',
  'action',
  'actor_kind',
  'actor_id',
  'actor_email',
  'user_id',
  'user_email',
  'org_id',
  'ip',
  'user_agent',
  'detail',
] as const;

/**
 * One CSV field (RFC 4180: quoted, inner quotes doubled). A cell a spreadsheet would read as a
 * formula (= + - @, or a tab or carriage return before one) gets a leading ' (OWASP CSV injection):
 * user agents, names and details are written by whoever sends the request.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function cells(e: AuditEntry): (string | null)[] {
  return [
    e.time.toISOString(),
    e.action,
    e.actor?.kind ?? null,
    e.actor?.id ?? null,
    e.actor?.email ?? null,
    e.user?.id ?? null,
    e.user?.email ?? null,
    e.orgId,
    e.ip,
    e.userAgent,
    JSON.stringify(e.detail),
  ];
}

/** A header row, then a row per entry; CRLF line ends (RFC 4180). */
export function auditCsv(entries: AuditEntry[]): string {
  const lines = [CSV_COLUMNS.join(','), ...entries.map((e) => cells(e).map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** The JSON form of an entry, as the API lists it. */
export function auditJson(e: AuditEntry) {
  return { ...e, time: e.time.toISOString() };
}
