import { getLocale, getTranslations } from 'next-intl/server';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/auth/password-limits';
import type { FormState } from '@/lib/forms/form-state';

type AuthT = Awaited<ReturnType<typeof getTranslations<'auth'>>>;

/** "5 minutes", in the page's language (the English of lib/auth/rate-limit.ts describeRetry). */
export function waitFor(t: AuthT, seconds: number): string {
  if (seconds < 90) return t('wait.seconds', { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return t('wait.minutes', { count: minutes });
  return t('wait.hours', { count: Math.ceil(minutes / 60) });
}

export async function tooManyMessage(seconds: number): Promise<string> {
  const t = await getTranslations('auth');
  return t('errors.tooMany', { wait: waitFor(t, seconds) });
}

export async function tooManyAttempts(seconds: number): Promise<FormState> {
  return { formError: await tooManyMessage(seconds) };
}

/**
 * The schemas in lib/ (emailSchema, newPasswordSchema...) speak English; their messages, as the
 * auth pages show them, in the catalogue's words.
 */
function schemaMessages(t: AuthT): Record<string, string> {
  return {
    'Enter your email address.': t('errors.enterEmail'),
    'This email address is too long.': t('errors.emailTooLong'),
    'Enter a valid email address, like name@example.com.': t('errors.invalidEmail'),
    'Use at most 100 characters.': t('errors.nameTooLong'),
    'Enter a password.': t('errors.enterPassword'),
    'Enter your password.': t('errors.enterYourPassword'),
    [`Use at least ${PASSWORD_MIN} characters.`]: t('errors.passwordTooShort', { min: PASSWORD_MIN }),
    [`Use at most ${PASSWORD_MAX} characters.`]: t('errors.passwordTooLong', { max: PASSWORD_MAX }),
    'This password is too common. Choose one that is harder to guess.': t('errors.commonPassword'),
    'Email or password is incorrect.': t('errors.incorrect'),
    'Enter the code.': t('twoFactor.enterCode'),
    'That code is too long.': t('twoFactor.codeTooLong'),
    'Choose an organization.': t('chooseOrganization.choose'),
  };
}

async function localizeFieldErrors<S extends FormState>(state: S): Promise<S> {
  // English is what the schemas already say (with zxcvbn's own advice for a weak password).
  if (!state.fieldErrors || (await getLocale()) === 'en') return state;
  const t = await getTranslations('auth');
  const known = schemaMessages(t);
  const fieldErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(state.fieldErrors)) {
    fieldErrors[field] = known[message] ?? (message.startsWith('This password is too easy to guess.') ? t('errors.weakPassword') : message);
  }
  return { ...state, fieldErrors };
}

/** A form action whose validation messages are shown in the page's language. */
export function localized<S extends FormState>(action: (prev: S, formData: FormData) => Promise<S>) {
  return async (prev: S, formData: FormData): Promise<S> => localizeFieldErrors(await action(prev, formData));
}
