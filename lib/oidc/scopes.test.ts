import { describe, expect, it } from 'vitest';
import { InvalidScope } from './errors';
import { grantableScopes, parseScope, scopesRefused, serviceScopes } from './scopes';

describe('parseScope', () => {
  it('splits on spaces, ignoring extra spaces and duplicates, keeping order', () => {
    expect(parseScope('openid  email openid profile ')).toEqual(['openid', 'email', 'profile']);
  });

  it('treats an absent scope as none', () => {
    expect(parseScope(undefined)).toEqual([]);
  });

  it('accepts every character RFC 6749 §3.3 allows in a scope token', () => {
    expect(parseScope('projects:read api.example/x!y~z')).toEqual(['projects:read', 'api.example/x!y~z']);
  });

  it.each([
    ['a double quote', 'a"b'],
    ['a backslash', 'a\\b'],
    ['a tab', 'openid\temail'],
    ['a newline', 'openid\nemail'],
    ['non-ASCII', 'opénid'],
  ])('refuses a token with %s as invalid_scope', (_label, scope) => {
    expect(() => parseScope(scope)).toThrow(InvalidScope);
  });
});

describe('grantableScopes', () => {
  const allowed = ['openid', 'email', 'projects:read'];

  it('grants requested scopes that are all allowed', () => {
    expect(grantableScopes(['email', 'openid'], allowed, [])).toEqual(['email', 'openid']);
  });

  it('grants the fallback when nothing was requested', () => {
    expect(grantableScopes([], allowed, ['projects:read'])).toEqual(['projects:read']);
  });

  it('refuses the whole request when one scope is not allowed, naming it', () => {
    expect(() => grantableScopes(['email', 'admin'], allowed, [])).toThrow(InvalidScope);
    expect(() => grantableScopes(['email', 'admin'], allowed, [])).toThrow(/admin/);
  });

  it('does not match scopes by prefix or case', () => {
    expect(() => grantableScopes(['projects'], allowed, [])).toThrow(InvalidScope);
    expect(() => grantableScopes(['Email'], allowed, [])).toThrow(InvalidScope);
  });
});

describe('serviceScopes', () => {
  it('drops the user scopes of OpenID Connect', () => {
    expect(serviceScopes(['openid', 'profile', 'email', 'offline_access', 'projects:read', 'billing'])).toEqual(['projects:read', 'billing']);
  });
});

describe('scopesRefused', () => {
  it('names every refused scope whole, and nothing else', () => {
    expect(() => grantableScopes(['email', 'admin', 'billing:write'], ['openid', 'email'], [])).toThrow(
      'Scope not allowed for this client: admin billing:write.',
    );
  });

  it('counts the refused scopes past ~200 characters instead of cutting one in the middle', () => {
    const refused = Array.from({ length: 30 }, (_, i) => `service${i}.resource.read`);
    const { description } = scopesRefused('Scope not allowed for this client', refused);
    const named = description.replace('Scope not allowed for this client: ', '').replace(/ \(and \d+ more\)\.$/, '').split(' ');
    expect(named.every((s) => refused.includes(s))).toBe(true);
    expect(description).toContain(`(and ${refused.length - named.length} more).`);
  });
});
