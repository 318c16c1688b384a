import type { Metadata } from 'next';
import { Building2 } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { DateTime } from '@/components/account/date-time';
import { ConfirmPanel, Disclosure } from '@/components/account/disclosure';
import { PageTitle, Section } from '@/components/account/section';
import { SubmitButton } from '@/components/forms/submit-button';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { requireUser } from '@/lib/auth/current-user';
import { myOrganizations } from '@/lib/orgs/self-service';
import { leaveOrganizationAction, switchOrganizationAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.organizations');
  return { title: t('title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const ROLES = ['owner', 'admin', 'user'] as const;
const ERRORS = ['conflict', 'not_found'] as const;
const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => list.includes(value as T);

export default async function OrganizationsPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const user = await requireUser('/account/organizations');
  const orgs = await myOrganizations(user.id);
  const [t, common] = await Promise.all([getTranslations('account.organizations'), getTranslations('common')]);
  const error = isOneOf(ERRORS, params.error) ? t(`errors.${params.error}`) : undefined;
  return (
    <>
      <PageTitle title={t('title')} description={t('description')} />
      {error ? <Alert variant="destructive">{error}</Alert> : null}
      {params.switched === '1' ? <Alert variant="success">{t('switched')}</Alert> : null}
      {params.left === '1' ? <Alert variant="success">{t('left')}</Alert> : null}
      <Section title={t('listTitle')}>
        {orgs.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('none')}</p>
        ) : (
          <div className="grid divide-y rounded-lg border" role="list" aria-label={t('listTitle')}>
            {orgs.map((o) => (
              <div key={o.orgId} role="listitem" className="grid gap-3 p-4">
                <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                  <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <span className="min-w-0 flex-1 truncate font-medium" title={o.name}>
                    {o.name}
                  </span>
                  <span className="flex shrink-0 gap-2">
                    <span className="rounded-full bg-secondary px-2.5 py-0.5 text-xs font-medium">
                      {isOneOf(ROLES, o.role) ? common(`roles.${o.role}`) : o.role}
                    </span>
                    {o.active ? <span className="rounded-full bg-accent px-2.5 py-0.5 text-xs font-medium">{t('active')}</span> : null}
                  </span>
                </div>
                <p className="text-sm text-muted-foreground">
                  {t('joined')} <DateTime value={o.joinedAt} />
                </p>
                <div className="flex flex-wrap items-start gap-2">
                  {o.active ? null : (
                    <form action={switchOrganizationAction}>
                      <input type="hidden" name="orgId" value={o.orgId} />
                      <SubmitButton variant="outline" className="w-auto" pendingLabel={t('switching')}>
                        {t('makeActive')}
                      </SubmitButton>
                    </form>
                  )}
                  <Disclosure label={t('leaveOpen')}>
                    <form action={leaveOrganizationAction}>
                      <input type="hidden" name="orgId" value={o.orgId} />
                      <ConfirmPanel message={t('leaveConfirm', { name: o.name })}>
                        <SubmitButton variant="destructive" className="w-auto" pendingLabel={t('leaving')}>
                          {t('leave')}
                        </SubmitButton>
                        <Button asChild variant="outline">
                          <Link href="/account/organizations">{common('actions.cancel')}</Link>
                        </Button>
                      </ConfirmPanel>
                    </form>
                  </Disclosure>
                </div>
              </div>
            ))}
          </div>
        )}
      </Section>
    </>
  );
}
