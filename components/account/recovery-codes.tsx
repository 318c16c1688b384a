'use client';

import { Check, Copy, Download } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** Recovery codes, shown once: a list to write down, copy or download. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useTranslations('security.recoveryCodes');
  const [copied, setCopied] = useState(false);
  const text = `${t('fileHeading')}\n\n${codes.join('\n')}\n`;
  return (
    <div className="grid gap-3" data-testid="recovery-codes">
      <Alert variant="success">
        {t('save')}
      </Alert>
      <ol aria-label={t('label')} className="grid grid-cols-2 gap-2 rounded-lg border bg-muted p-4 font-mono text-sm">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="outline"
          onClick={async () => {
            await navigator.clipboard.writeText(text);
            setCopied(true);
          }}
        >
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied ? t('copied') : t('copy')}
        </Button>
        <Button asChild variant="outline">
          <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="auth-portal-recovery-codes.txt">
            <Download aria-hidden />
            {t('download')}
          </a>
        </Button>
      </div>
    </div>
  );
}
