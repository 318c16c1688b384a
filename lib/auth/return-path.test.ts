import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it.each(['/account', '/account?tab=security', '/oauth/authorize?client_id=a&state=b#x', '/'])('keeps same-origin path %s', (p) => {
    expect(safeReturnPath(p)).toBe(p);
  });

  it.each([
    '//evil.example',
    '//evil.example/account',
    '/\\evil.example',
    '/\\/evil.example',
    'https:evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    // Dot segments that URL parsing removes, leaving //host (security review #9, finding 2).
    '/.//evil.example/',
    '/..//evil.example/',
    '/%2e//evil.example/',
    '/%2E%2E//evil.example/',
    '/a/..//evil.example/',
    '/account/../..//evil.example/x?y=1',
    '',
  ])('refuses %j', (p) => {
    expect(safeReturnPath(p)).toBe('/account');
  });

  it('keeps a same-origin path whose dot segments resolve to a single leading slash', () => {
    expect(safeReturnPath('/a/../account')).toBe('/account');
    expect(safeReturnPath('/./account?x=1')).toBe('/account?x=1');
  });

  it('refuses non-strings and uses the given fallback', () => {
    expect(safeReturnPath(['/a', '/b'], '')).toBe('');
    expect(safeReturnPath(undefined, '/x')).toBe('/x');
    expect(safeReturnPath('/' + 'a'.repeat(3000))).toBe('/account');
  });
});
