import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { clientMessages } from '@/lib/i18n/client-messages';

/**
 * Every client catalogue, for the consoles (account, organization, platform): the root layout
 * sends only what the sign-in and other public pages need (PAGE_NAMESPACES), which keeps those
 * pages small. This provider replaces the root one inside the area it wraps.
 */
export async function ConsoleMessages({ children }: { children: React.ReactNode }) {
  return <NextIntlClientProvider messages={clientMessages(await getMessages())}>{children}</NextIntlClientProvider>;
}
