import { createTranslator } from 'use-intl/core';
import { messagesFor, type Messages } from './messages';
import type { Locale } from './locales';

/**
 * Translations outside React (mails, CLI-triggered notices): the same catalogues and ICU
 * message syntax the pages use through next-intl.
 */
export function translator<N extends keyof Messages>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace });
}
