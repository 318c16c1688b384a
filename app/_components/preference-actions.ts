'use server';

import { cookies } from 'next/headers';
import { currentUser } from '@/lib/auth/current-user';
import { LOCALE_COOKIE } from '@/lib/i18n/locales';
import { THEME_COOKIE, preferenceSchema, rememberUserLocale } from '@/lib/i18n/preferences';

const ONE_YEAR = 365 * 24 * 60 * 60;

/** The language and theme switchers: a cookie for everyone, and the user row for mails. */
export async function setPreferenceAction(formData: FormData): Promise<void> {
  const parsed = preferenceSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return;
  const jar = await cookies();
  const options = { path: '/', sameSite: 'lax' as const, maxAge: ONE_YEAR, httpOnly: true };
  if ('locale' in parsed.data) {
    jar.set(LOCALE_COOKIE, parsed.data.locale, options);
    const user = await currentUser();
    if (user) await rememberUserLocale(user.id, parsed.data.locale);
  } else {
    jar.set(THEME_COOKIE, parsed.data.theme, options);
  }
}
