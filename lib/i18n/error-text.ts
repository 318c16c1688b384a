import { isErrorKey, type DomainError, type ErrorValues } from '@/lib/domain/errors';
import type { Locale } from './locales';
import { translator } from './translator';

/** A domain refusal in the page's language (plain English for the few only the API and CLI say). */
export function errorText(err: DomainError, locale: Locale): string {
  return err.key ? translator(locale, 'errors')(err.key, err.values) : err.message;
}

/**
 * A form field's message: the page schemas in app/ write `errors` catalogue keys ('enterName',
 * 'atMost' with the limit from the issue); anything else (lib/ schemas in English) is kept.
 */
export function fieldText(message: string, values: ErrorValues, locale: Locale): string {
  return isErrorKey(message) ? translator(locale, 'errors')(message, values) : message;
}
