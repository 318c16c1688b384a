'use client';

import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/account/copy-button';

/** A secret issued by the answer being shown: here once, with copy buttons, never again. */
export function SecretPanel({ clientId, clientSecret }: { clientId: string; clientSecret: string }) {
  const t = useTranslations('adminApps.secret');
  return (
    <section className="grid gap-3 rounded-lg border border-amber-500/50 bg-amber-50 p-4 dark:bg-amber-950/30" aria-labelledby="secret-title" data-testid="client-secret">
      <h3 id="secret-title" className="font-semibold">
        {t('title')}
      </h3>
      <p className="text-sm" role="status">
        {t('once')}
      </p>
      <dl className="grid gap-3">
        {[
          { label: t('clientId'), value: clientId, copy: t('copyId'), testId: 'created-client-id' },
          { label: t('secret'), value: clientSecret, copy: t('copySecret'), testId: 'created-client-secret' },
        ].map((row) => (
          <div key={row.testId} className="grid gap-1">
            <dt className="text-sm font-medium">{row.label}</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <code className="min-w-0 rounded bg-background px-2 py-1 font-mono text-sm break-all select-all" data-testid={row.testId}>
                {row.value}
              </code>
              <CopyButton text={row.value} label={row.copy} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
