import { describe, expect, it } from 'vitest';
import { auditFilterQuery, parseAuditFilterParams } from './filter-params';

describe('the audit log filters of the console form', () => {
  it('keeps the good fields, names the bad ones, and reads times in the reader’s zone', () => {
    const parsed = parseAuditFilterParams(
      { actor: ' Admin@Example.com ', action: 'DROP TABLE', user: '', since: '2026-12-01T10:00', until: 'tomorrow' },
      'Europe/Paris',
    );
    expect(parsed.filter).toEqual({ actor: 'Admin@Example.com', since: new Date('2026-12-01T09:00:00Z') });
    expect(parsed.problems).toEqual({ action: 'badAction', until: 'badTime' });
    expect(parsed.values).toEqual({ actor: 'Admin@Example.com', action: 'DROP TABLE', since: '2026-12-01T10:00', until: 'tomorrow' });
  });

  it('refuses a since after until, by the since field', () => {
    const parsed = parseAuditFilterParams(new URLSearchParams({ since: '2026-12-02T10:00', until: '2026-12-01T10:00' }), 'UTC');
    expect(parsed.problems).toEqual({ since: 'sinceAfterUntil' });
  });

  it('writes the typed filters back as a query string, with extras', () => {
    expect(auditFilterQuery({ action: 'org.', ip: '10.0.0.1' }, { format: 'csv' })).toBe('action=org.&ip=10.0.0.1&format=csv');
  });
});
