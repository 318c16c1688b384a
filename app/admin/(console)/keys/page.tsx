import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DateTime } from '@/components/account/date-time';
import { ActionForm } from '@/components/org/action-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ScrollTable } from '@/components/ui/scroll-table';
import { isRotationDue, KEY_ROTATION_DUE_DAYS, type KeyState } from '@/lib/oidc/key-schedule';
import { SIGNING_ALGS } from '@/lib/oidc/keys';
import { requirePlatformConsole } from '@/lib/platform/console-access';
import { signingKeysWithState } from '@/lib/platform/signing-keys';
import { rotateKeysAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.titles'))('keys') };
}

const stateBadge: Record<KeyState, 'default' | 'success' | 'secondary' | 'outline'> = {
  published: 'default',
  active: 'success',
  retired: 'secondary',
  unpublished: 'outline',
};

function When({ value }: { value: Date | null }) {
  return value ? <DateTime value={value} /> : <span aria-hidden>—</span>;
}

/** The signing keys with their state and dates, newest first, and the rotation. */
export default async function SigningKeysPage() {
  await requirePlatformConsole('/admin/keys');
  const t = await getTranslations('admin.keys');
  const now = new Date();
  const keys = (await signingKeysWithState(now)).reverse();
  const cell = 'px-3 py-2 align-top whitespace-nowrap';
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('title')}</CardTitle>
          <CardDescription>{t('description')}</CardDescription>
        </CardHeader>
        <CardContent>
          {keys.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('none')}</p>
          ) : (
            <ScrollTable id="keys" caption={t('caption')} columns={[t('kid'), t('alg'), t('state'), t('created'), t('activates'), t('retires'), t('unpublishes')]}>
              {keys.map((k) => (
                <tr key={k.kid} className="border-t" data-testid="signing-key">
                  <th scope="row" className={`${cell} font-mono text-xs font-normal`} title={k.kid}>
                    {k.kid.slice(0, 12)}…
                  </th>
                  <td className={cell}>{k.alg}</td>
                  <td className={cell}>
                    <span className="flex flex-wrap gap-1">
                      <Badge variant={stateBadge[k.state]}>{t(`states.${k.state}`)}</Badge>
                      {isRotationDue(k, now) ? <Badge variant="destructive">{t('due')}</Badge> : null}
                    </span>
                  </td>
                  <td className={cell}><When value={k.createdAt} /></td>
                  <td className={cell}><When value={k.activatesAt} /></td>
                  <td className={cell}><When value={k.retiredAt} /></td>
                  <td className={cell}><When value={k.unpublishAt} /></td>
                </tr>
              ))}
            </ScrollTable>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('rotateTitle')}</CardTitle>
          <CardDescription>{t('rotateDescription', { algs: SIGNING_ALGS.join(', '), days: KEY_ROTATION_DUE_DAYS })}</CardDescription>
        </CardHeader>
        <CardContent>
          <ActionForm action={rotateKeysAction} hidden={{}} label={t('rotate')} pendingLabel={t('rotating')} confirmLabel={t('confirm')} />
        </CardContent>
      </Card>
    </>
  );
}
