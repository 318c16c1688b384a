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
    '',
  ])('refuses %j', (p) => {
    expect(safeReturnPath(p)).toBe('/account');
  });

  it('refuses non-strings and uses the given fallback', () => {
    expect(safeReturnPath(['/a', '/b'], '')).toBe('');
    expect(safeReturnPath(undefined, '/x')).toBe('/x');
    expect(safeReturnPath('/' + 'a'.repeat(3000))).toBe('/account');
  });
});
