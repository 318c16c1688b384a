import { describe, expect, it } from 'vitest';
import { auditCsv, csvField } from './export';
import type { AuditEntry } from './query';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 'a1',
  time: new Date('2026-01-02T03:04:05.678Z'),
  action: 'platform.client_disabled',
  actor: { kind: 'user', id: 'u1', email: 'ada@example.com' },
  user: null,
  orgId: null,
  ip: '203.0.113.7',
  userAgent: 'curl/8',
  detail: { client_id: 'c1' },
  ...over,
});

describe('audit CSV', () => {
  it('quotes every field and doubles inner quotes', () => {
    expect(csvField('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvField(`${lead}cmd`)).toBe(`"'${lead}cmd"`);
    expect(csvField('safe=1')).toBe('"safe=1"');
  });

  it('writes a header row, then one row per entry', () => {
    const csv = auditCsv([entry(), entry({ actor: null, userAgent: '=HYPERLINK("x")' })]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('time,action,actor_kind,actor_id,actor_email,user_id,user_email,org_id,ip,user_agent,detail');
    expect(lines[1]).toBe(
      '"2026-01-02T03:04:05.678Z","platform.client_disabled","user","u1","ada@example.com",,,,"203.0.113.7","curl/8","{""client_id"":""c1""}"',
    );
    expect(lines[2]).toContain(',"\'=HYPERLINK(""x"")",');
    expect(lines[3]).toBe('');
  });
});
