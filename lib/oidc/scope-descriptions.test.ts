import { describe, expect, it } from 'vitest';
import enConsent from '@/messages/en/consent.json';
import frConsent from '@/messages/fr/consent.json';
import { DESCRIBED_SCOPES, describeScopes } from './scope-descriptions';

describe('describeScopes', () => {
  it('gives each standard scope its own sentence and names any other one, in order, once', () => {
    expect(describeScopes(['email', 'openid', 'billing:read', 'email'])).toEqual([
      { scope: 'email', key: 'email' },
      { scope: 'openid', key: 'openid' },
      { scope: 'billing:read', key: 'other' },
    ]);
  });

  it('has a sentence in every language for every described scope', () => {
    for (const scope of DESCRIBED_SCOPES) {
      expect(enConsent.scopes[scope]).toBeTruthy();
      expect(frConsent.scopes[scope]).toBeTruthy();
    }
  });
});
