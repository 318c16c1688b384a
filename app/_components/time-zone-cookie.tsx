'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { useTimeZone } from 'next-intl';

/**
 * Tells the server the browser's time zone (a cookie) so times render in it; once per browser,
 * and again after travel. Without JavaScript the pages show UTC and say so.
 */
export function TimeZoneCookie() {
  const serverZone = useTimeZone();
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === serverZone) return;
    document.cookie = `tz=${zone}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [serverZone, router]);
  return null;
}
