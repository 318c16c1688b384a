import { getTranslations } from 'next-intl/server';

/** "42 seconds", "5 minutes", "2 hours" in the request's language: how long a rate-limited person waits. */
export async function retryWait(seconds: number): Promise<string> {
  const t = await getTranslations('account.wait');
  if (seconds < 90) return t('seconds', { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return t('minutes', { count: minutes });
  return t('hours', { count: Math.ceil(minutes / 60) });
}
