import { getFormatter, getNow, getTranslations } from 'next-intl/server';

/**
 * A timestamp in the reader's time zone and language: relative ("2 hours ago"), with the exact
 * date and time on hover and the machine value for tools. Server-rendered, so it needs no JavaScript.
 */
export async function DateTime({ value }: { value: Date | null }) {
  if (!value) {
    const t = await getTranslations('common');
    return <span>{t('time.never')}</span>;
  }
  const [format, now] = await Promise.all([getFormatter(), getNow()]);
  const exact = format.dateTime(value, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <time dateTime={value.toISOString()} title={exact}>
      {format.relativeTime(value, now)}
    </time>
  );
}
