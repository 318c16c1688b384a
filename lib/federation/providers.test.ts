import { describe, expect, it } from 'vitest';
import { identityProviderCreateSchema } from './providers';

const base = { clientId: 'client-123', clientSecret: 'secret-456' };

/** Field → messages of a refused input; null when accepted. */
function refusal(input: Record<string, unknown>): Record<string, string[]> | null {
  const result = identityProviderCreateSchema.safeParse(input);
  if (result.success) return null;
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[issue.path.map(String).join('.') || '(body)'] ??= []).push(issue.message);
  return out;
}

describe('identityProviderCreateSchema', () => {
  it('accepts each well-known type without an issuer or a name', () => {
    for (const type of ['google', 'github', 'microsoft', 'apple']) expect(refusal({ ...base, type }), type).toBeNull();
  });

  it('requires an issuer and a name for a generic OpenID Connect provider', () => {
    expect(refusal({ ...base, type: 'oidc' })).toEqual({
      issuer: ['An OpenID Connect provider needs its issuer.'],
      name: ['Name the OpenID Connect provider.'],
    });
    expect(refusal({ ...base, type: 'oidc', issuer: 'https://login.example.com', name: 'Example SSO' })).toBeNull();
  });

  it('takes a tenant issuer for Microsoft and refuses an issuer for the other fixed providers', () => {
    expect(refusal({ ...base, type: 'microsoft', issuer: 'https://login.microsoftonline.com/tenant-id/v2.0' })).toBeNull();
    for (const type of ['google', 'github', 'apple']) {
      expect(refusal({ ...base, type, issuer: 'https://login.example.com' }), type).toEqual({ issuer: [expect.stringMatching(/takes no issuer/)] });
    }
  });

  it('allows http only for an issuer on a loopback host, and no query, fragment or user name', () => {
    const issuer = (value: string) => refusal({ ...base, type: 'oidc', name: 'Dev', issuer: value });
    expect(issuer('http://localhost:8080/realms/dev')).toBeNull();
    expect(issuer('http://127.0.0.1:9000')).toBeNull();
    for (const value of ['http://login.example.com', 'https://user:pw@login.example.com', 'https://login.example.com/?tenant=1', 'https://login.example.com/#x', 'not a url']) {
      expect(issuer(value), value).toHaveProperty('issuer');
    }
  });

  it('refuses an unknown type, an empty or oversized secret or client id, and unknown fields', () => {
    expect(refusal({ ...base, type: 'facebook' })).toEqual({ type: ['Use one of google, github, microsoft, apple, oidc.'] });
    expect(refusal({ ...base, type: 'google', clientSecret: '' })).toEqual({ clientSecret: ['Enter the client secret the provider gave you.'] });
    expect(refusal({ ...base, type: 'google', clientSecret: 'x'.repeat(1025) })).toHaveProperty('clientSecret');
    expect(refusal({ ...base, type: 'google', clientId: ' ' })).toHaveProperty('clientId');
    expect(refusal({ ...base, type: 'google', clientId: 'x'.repeat(256) })).toHaveProperty('clientId');
    expect(refusal({ ...base, type: 'google', name: 'x'.repeat(101) })).toHaveProperty('name');
    expect(refusal({ ...base, type: 'google', scope: 'openid' })).toHaveProperty(['(body)']);
  });
});
