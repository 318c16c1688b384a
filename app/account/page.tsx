import type { Metadata } from 'next';
import { Building2 } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { EmailChangeForm, NameForm } from './_components/profile-forms';
import { Section } from '@/components/account/section';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { listMemberships } from '@/lib/orgs/organizations';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.profile');
  return { title: t('metaTitle') };
}

const ROLES = ['owner', 'admin', 'user'] as const;
const isRole = (role: string): role is (typeof ROLES)[number] => ROLES.includes(role as (typeof ROLES)[number]);

function initials(name: string | null, email: string): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return email.slice(0, 1).toUpperCase();
  return (words[0]!.slice(0, 1) + (words.length > 1 ? words.at(-1)!.slice(0, 1) : '')).toUpperCase();
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('/account');
  const orgs = await listMemberships(user.id);
  const { emailChanged } = await searchParams;
  const [t, common] = await Promise.all([getTranslations('account.profile'), getTranslations('common')]);

  return (
    <>
      {emailChanged === '1' ? <Alert variant="success">{t('emailChanged')}</Alert> : null}
      <div className="flex min-w-0 items-center gap-4">
        <span aria-hidden className="flex size-14 shrink-0 items-center justify-center rounded-full bg-primary text-lg font-semibold text-primary-foreground">
          {initials(user.name, user.email)}
        </span>
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{user.name ? t('hello', { name: user.name }) : t('metaTitle')}</h1>
          <p className="text-muted-foreground [overflow-wrap:anywhere]">
            {t.rich('signedInAs', { email: user.email, strong: (chunks) => <span className="font-medium text-foreground">{chunks}</span> })}
          </p>
          {user.platformRole === 'admin' ? (
            <p className="mt-2 inline-flex rounded-full bg-accent px-3 py-1 text-xs font-medium text-accent-foreground">{t('platformAdmin')}</p>
          ) : null}
        </div>
      </div>
      <Section title={t('nameTitle')} description={t('nameDescription')}>
        <NameForm name={user.name} />
      </Section>
      <Section title={t('emailTitle')} description={t('emailDescription')}>
        <EmailChangeForm />
      </Section>
      <Section title={t('orgsTitle')} description={t('orgsDescription')}>
        {orgs.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('orgsNone')}</p>
        ) : (
          <ul className="divide-y rounded-lg border">
            {orgs.map((org) => (
              <li key={org.orgId} className="flex min-w-0 items-center justify-between gap-4 px-4 py-3">
                <span className="flex min-w-0 items-center gap-3">
                  <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <span className="truncate font-medium" title={org.name}>
                    {org.name}
                  </span>
                </span>
                <span className="shrink-0 rounded-full bg-secondary px-2.5 py-0.5 text-xs font-medium">{isRole(org.role) ? common(`roles.${org.role}`) : org.role}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="text-sm">
          <TextLink href="/account/organizations">{t('orgsManage')}</TextLink>
        </p>
      </Section>
    </>
  );
}
