import Negotiator from 'negotiator';
import { match } from '@formatjs/intl-localematcher';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The cookie that remembers the language a person picked with the switcher. */
export const LOCALE_COOKIE = 'locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language a page is written in, strongest signal first: OIDC's `ui_locales` (a relying
 * party's request for this one flow), the person's choice (cookie), then the browser's
 * Accept-Language. Region variants fall back to the language (`fr-CA` → `fr`).
 */
export function negotiateLocale(signals: { uiLocales?: string | null; chosen?: string | null; acceptLanguage?: string | null }): Locale {
  const fromUi = firstSupported((signals.uiLocales ?? '').split(/\s+/).filter(Boolean));
  if (fromUi) return fromUi;
  if (isLocale(signals.chosen)) return signals.chosen;
  const accepted = new Negotiator({ headers: { 'accept-language': signals.acceptLanguage ?? '' } }).languages();
  return firstSupported(accepted.filter((l) => l !== '*')) ?? DEFAULT_LOCALE;
}

function firstSupported(requested: string[]): Locale | null {
  if (!requested.length) return null;
  try {
    const found = match(requested, LOCALES as unknown as string[], '', { algorithm: 'lookup' });
    return isLocale(found) ? found : null;
  } catch {
    // A malformed tag (RangeError from Intl) names no language we have.
    return null;
  }
}
