import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, negotiateLocale } from './locales';
import { messagesFor } from './messages';
import { UI_LOCALES_HEADER } from './ui-locales';
import { TIME_ZONE_COOKIE, validTimeZone } from './time-zone';


// next-intl without locale routing: the language comes from the request, never from the path.
export default getRequestConfig(async () => {
  const [h, jar] = await Promise.all([headers(), cookies()]);
  const locale = negotiateLocale({
    uiLocales: h.get(UI_LOCALES_HEADER),
    chosen: jar.get(LOCALE_COOKIE)?.value,
    acceptLanguage: h.get('accept-language'),
  });
  return {
    locale,
    messages: messagesFor(locale),
    timeZone: validTimeZone(jar.get(TIME_ZONE_COOKIE)?.value) ?? 'UTC',
  };
});
