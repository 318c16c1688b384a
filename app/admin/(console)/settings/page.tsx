import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { config } from '@/lib/config';
import { requirePlatformConsole } from '@/lib/platform/console-access';
import { serviceStatus } from '@/lib/platform/overview';
import { runningConfiguration, type Setting } from '@/lib/platform/settings';
import { TestMailForm } from './test-mail-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.titles'))('settings') };
}

/** The running configuration (never a secret's value: lib/platform/settings.ts) and the test mail. */
export default async function PlatformSettingsPage() {
  const { user } = await requirePlatformConsole('/admin/settings');
  const t = await getTranslations('admin.settings');
  const settings = runningConfiguration(config(), process.env);
  const mail = serviceStatus().mail;
  const shown = (s: Setting) => {
    if (s.secret) return <span className="text-muted-foreground">{s.set ? t('secretHidden') : s.generated ? t('generated') : t('empty')}</span>;
    if (s.value === null || s.value === '') return <span className="text-muted-foreground">{t('empty')}</span>;
    if (typeof s.value === 'boolean') return s.value ? t('on') : t('off');
    return <span className="font-mono text-xs break-all">{String(s.value)}</span>;
  };
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('title')}</CardTitle>
          <CardDescription>{t('description')}</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="divide-y rounded-lg border" data-testid="settings">
            {settings.map((s) => (
              <div
                key={s.name}
                className="grid grid-cols-[minmax(0,1fr)_auto] items-baseline gap-x-3 gap-y-1 px-3 py-2 text-sm sm:grid-cols-[minmax(0,14rem)_6rem_minmax(0,1fr)]"
              >
                <dt className="font-mono text-xs font-medium break-all">{s.name}</dt>
                <dd className="justify-self-end sm:justify-self-start">
                  {s.set ? <Badge variant="success">{t('set')}</Badge> : <Badge variant="outline">{s.secret ? t('notSet') : t('default')}</Badge>}
                </dd>
                <dd className="col-span-2 min-w-0 sm:col-span-1">{shown(s)}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('testMailTitle')}</CardTitle>
          <CardDescription className="break-words">
            {mail.kind === 'smtp' ? t('viaSmtp', { server: mail.server }) : t('viaOutbox')}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <TestMailForm defaultTo={user.email} />
        </CardContent>
      </Card>
    </>
  );
}
