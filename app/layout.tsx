import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { clientMessages, PAGE_NAMESPACES } from '@/lib/i18n/client-messages';
import { THEME_COOKIE, themeOf } from '@/lib/i18n/preferences';
import { Preferences } from './_components/preferences';
import { TimeZoneCookie } from './_components/time-zone-cookie';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: t('product'), template: `%s · ${t('product')}` }, description: t('description') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Every page is rendered per request: the CSP nonce differs each time (see proxy.ts).
export const dynamic = 'force-dynamic';

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, t, jar, messages] = await Promise.all([getLocale(), getTranslations('common'), cookies(), getMessages()]);
  const theme = themeOf(jar.get(THEME_COOKIE)?.value);
  // 'system' sets no class: globals.css follows prefers-color-scheme, so no script has to run first.
  return (
    <html lang={locale} className={theme === 'system' ? undefined : theme}>
      <body className="flex min-h-dvh flex-col font-sans">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-primary px-4 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          {t('skipToContent')}
        </a>
        <NextIntlClientProvider messages={clientMessages(messages, PAGE_NAMESPACES)}>
          <TimeZoneCookie />
          <div className="flex-1">{children}</div>
        </NextIntlClientProvider>
        <Preferences theme={theme} />
      </body>
    </html>
  );
}
