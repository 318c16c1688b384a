import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './locales';

describe('negotiateLocale', () => {
  it('prefers ui_locales, then the chosen language, then Accept-Language', () => {
    expect(negotiateLocale({ uiLocales: 'fr-CA en', chosen: 'en', acceptLanguage: 'en' })).toBe('fr');
    expect(negotiateLocale({ uiLocales: 'de', chosen: 'fr', acceptLanguage: 'en' })).toBe('fr');
    expect(negotiateLocale({ acceptLanguage: 'de-DE,fr;q=0.8,en;q=0.5' })).toBe('fr');
    expect(negotiateLocale({ acceptLanguage: 'en-GB,fr;q=0.9' })).toBe('en');
  });

  it('falls back to English for unknown, empty or malformed signals', () => {
    expect(negotiateLocale({})).toBe('en');
    expect(negotiateLocale({ uiLocales: '!!', chosen: 'xx', acceptLanguage: 'de, *;q=0.1' })).toBe('en');
  });
});
