// The audit log's filters as the console's GET form sends them (and its download links repeat):
// each field checked on its own, so a bad one is named beside its field and the others still hold;
// since/until are the browser's wall-clock times (datetime-local), read in the reader's time zone.
import { wallClockToInstant } from '@/lib/i18n/time-zone';
import { auditFilterFields, type AuditFilter } from './query';

export const AUDIT_FILTER_PARAMS = ['actor', 'action', 'orgId', 'user', 'ip', 'since', 'until'] as const;
export type AuditFilterParam = (typeof AUDIT_FILTER_PARAMS)[number];

/** Why a field was refused; the console words each one. */
export type AuditFilterProblem = 'tooLong' | 'badAction' | 'badTime' | 'sinceAfterUntil';

export type ParsedAuditFilter = {
  filter: AuditFilter;
  /** What was typed, trimmed, to put back into the form and the download links. */
  values: Partial<Record<AuditFilterParam, string>>;
  problems: Partial<Record<AuditFilterParam, AuditFilterProblem>>;
};

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function param(params: Params, name: string): string {
  const raw = params instanceof URLSearchParams ? params.get(name) : params[name];
  return (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
}

export function parseAuditFilterParams(params: Params, timeZone: string): ParsedAuditFilter {
  const filter: AuditFilter = {};
  const values: ParsedAuditFilter['values'] = {};
  const problems: ParsedAuditFilter['problems'] = {};
  for (const name of ['actor', 'action', 'orgId', 'user', 'ip'] as const) {
    const value = param(params, name).slice(0, 400);
    if (!value) continue;
    values[name] = value;
    const parsed = auditFilterFields.shape[name].safeParse(value);
    if (parsed.success) filter[name] = parsed.data;
    else problems[name] = name === 'action' && value.length <= 100 ? 'badAction' : 'tooLong';
  }
  for (const name of ['since', 'until'] as const) {
    const value = param(params, name).slice(0, 40);
    if (!value) continue;
    values[name] = value;
    const at = wallClockToInstant(value, timeZone);
    if (at) filter[name] = at;
    else problems[name] = 'badTime';
  }
  if (filter.since && filter.until && filter.since > filter.until) problems.since = 'sinceAfterUntil';
  return { filter, values, problems };
}

/** The query string of these filters (empty ones left out), for links that keep them. */
export function auditFilterQuery(values: ParsedAuditFilter['values'], extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const name of AUDIT_FILTER_PARAMS) if (values[name]) search.set(name, values[name]);
  for (const [k, v] of Object.entries(extra)) search.set(k, v);
  return search.toString();
}
