/** The browser's IANA time zone, written by a small client component so the server renders local times. */
export const TIME_ZONE_COOKIE = 'tz';

export function validTimeZone(value: string | undefined): string | null {
  if (!value || value.length > 64) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    return null;
  }
}
