import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db';
import { users } from '@/db/schema';
import { LOCALES, type Locale } from './locales';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = 'theme';

export const preferenceSchema = z.union([
  z.object({ locale: z.enum(LOCALES) }),
  z.object({ theme: z.enum(THEMES) }),
]);

export function themeOf(value: string | undefined): Theme {
  return (THEMES as readonly string[]).includes(value ?? '') ? (value as Theme) : 'system';
}

/** Remembers a signed-in person's language so mails sent later (notices, alerts) are written in it. */
export async function rememberUserLocale(userId: string, locale: Locale): Promise<void> {
  await db().update(users).set({ locale }).where(eq(users.id, userId));
}

/** The language to write to a user in: the one they chose, else the fallback (the request's). */
export async function userLocale(userId: string, fallback: Locale = 'en'): Promise<Locale> {
  const [row] = await db().select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  const chosen = row?.locale;
  return (LOCALES as readonly string[]).includes(chosen ?? '') ? (chosen as Locale) : fallback;
}
