import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { paragraphsMail } from './layout';
import type { Mail } from './transport';

/** To the owner of an address someone tried to sign up with again; the sign-up page said nothing. */
export function accountExistsNotice(locale: Locale, to: string, resetUrl: string): Mail {
  const t = translator(locale, 'mail');
  return paragraphsMail(to, t('accountExists.subject'), [t('accountExists.what'), t('accountExists.ifYou'), t('accountExists.ifNot')], {
    label: t('accountExists.action'),
    url: resetUrl,
  });
}

/** ASVS 6.3.7: the owner hears of every password change, whichever way it was made. */
export function passwordChangedNotice(locale: Locale, to: string, how: 'changed' | 'reset' | 'set', resetUrl: string): Mail {
  const t = translator(locale, 'mail');
  return paragraphsMail(
    to,
    how === 'set' ? t('passwordChanged.subjectSet') : t('passwordChanged.subjectChanged'),
    [t(`passwordChanged.${how}`), t('passwordChanged.sessions'), t('passwordChanged.advice')],
    { label: t('passwordChanged.action'), url: resetUrl },
  );
}
