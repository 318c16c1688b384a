import { Monitor, Moon, Sun } from 'lucide-react';
import { getLocale, getTranslations } from 'next-intl/server';
import { LOCALES } from '@/lib/i18n/locales';
import type { Theme } from '@/lib/i18n/preferences';
import { cn } from '@/lib/cn';
import { setPreferenceAction } from './preference-actions';

const LANGUAGE_NAMES: Record<(typeof LOCALES)[number], string> = { en: 'English', fr: 'Français' };
const THEME_ICONS = { system: Monitor, light: Sun, dark: Moon } as const;

const choice =
  'inline-flex h-9 min-w-9 items-center justify-center gap-1 rounded-md px-2 text-sm text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring aria-pressed:bg-accent aria-pressed:font-medium aria-pressed:text-foreground';

/** Language and theme switchers: plain forms, so they work without JavaScript too. */
export async function Preferences({ theme }: { theme: Theme }) {
  const [t, locale] = await Promise.all([getTranslations('common.preferences'), getLocale()]);
  return (
    <footer className="border-t">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3" aria-label={t('label')} role="group">
        <form action={setPreferenceAction} className="flex items-center gap-1">
          <span className="mr-1 text-sm text-muted-foreground" id="pref-language">
            {t('language')}
          </span>
          {LOCALES.map((l) => (
            <button key={l} name="locale" value={l} lang={l} aria-pressed={l === locale} className={choice} aria-describedby="pref-language">
              {LANGUAGE_NAMES[l]}
            </button>
          ))}
        </form>
        <form action={setPreferenceAction} className="flex items-center gap-1">
          <span className="mr-1 text-sm text-muted-foreground" id="pref-theme">
            {t('theme')}
          </span>
          {(['system', 'light', 'dark'] as const).map((value) => {
            const Icon = THEME_ICONS[value];
            const label = t(value === 'system' ? 'themeSystem' : value === 'light' ? 'themeLight' : 'themeDark');
            return (
              <button key={value} name="theme" value={value} aria-pressed={value === theme} className={cn(choice)} aria-describedby="pref-theme">
                <Icon className="size-4" aria-hidden />
                <span className="max-sm:sr-only">{label}</span>
              </button>
            );
          })}
        </form>
      </div>
    </footer>
  );
}
