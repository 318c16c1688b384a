import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { PortalHeader } from '@/app/_components/portal-header';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { mfaEnrollmentPath, mfaStepUpPath } from '@/lib/auth/mfa-requirement';
import { CONSOLE_HOME, platformConsoleAccess, SECOND_FACTOR_PAGE } from '@/lib/platform/console-access';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.titles'))('secondFactor') };
}

/**
 * Where a platform administrator whose session lacks a required second factor is sent instead of
 * the console: what is missing, and the way to it (the second step on this session, or setting
 * up a factor first). Outside the console's layout, which would send them here again.
 */
export default async function SecondFactorRequiredPage() {
  const access = await platformConsoleAccess(SECOND_FACTOR_PAGE);
  if (access.granted) redirect(CONSOLE_HOME);
  const t = await getTranslations('admin.secondFactor');
  const stepUp = access.requirement === 'step_up';
  return (
    <div className="min-h-dvh">
      <PortalHeader wide />
      <main id="main" tabIndex={-1} className="mx-auto grid max-w-3xl grid-cols-[minmax(0,1fr)] gap-6 px-4 py-8">
        <p className="text-2xl font-semibold">{t('console')}</p>
        <Card>
          <CardHeader>
            <h1 className="text-lg font-semibold">{t('title')}</h1>
          </CardHeader>
          <CardContent className="grid gap-4 text-sm">
            <Alert>{stepUp ? t('stepUp') : t('enroll')}</Alert>
            <p className="text-muted-foreground">{t('why')}</p>
            <p>
              <TextLink href={stepUp ? mfaStepUpPath(CONSOLE_HOME) : mfaEnrollmentPath(CONSOLE_HOME)}>
                {stepUp ? t('stepUpLink') : t('enrollLink')}
              </TextLink>
            </p>
            <p>
              <TextLink href="/account" className="font-normal">
                {t('back')}
              </TextLink>
            </p>
          </CardContent>
        </Card>
      </main>
    </div>
  );
}
