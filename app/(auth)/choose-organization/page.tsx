import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthShell } from '@/components/auth-shell';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { loadPendingAuthorization, organizationChoice } from '@/lib/oidc/authorize';
import { OrganizationForm } from './organization-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('chooseOrganization.metaTitle') };
}

export default async function ChooseOrganizationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations('auth');
  const id = (await searchParams).request;
  const requestId = typeof id === 'string' ? id : '';
  const user = await requireUser(`/choose-organization?request=${encodeURIComponent(requestId)}`);
  const pending = await loadPendingAuthorization(requestId, user.id);
  if (!pending) {
    return (
      <AuthShell title={t('chooseOrganization.expiredTitle')}>
        <Alert variant="destructive">{t('chooseOrganization.expired')}</Alert>
      </AuthShell>
    );
  }
  const { options, preselected } = await organizationChoice(user.id);
  return (
    <AuthShell
      title={t('chooseOrganization.title')}
      description={t.rich('chooseOrganization.description', {
        client: pending.request.client.name,
        email: () => <span className="font-medium break-all text-foreground">{user.email}</span>,
      })}
    >
      {options.length ? (
        <OrganizationForm requestId={pending.id} options={options} preselected={preselected} />
      ) : (
        <Alert variant="destructive">{t('chooseOrganization.noOrganization')}</Alert>
      )}
    </AuthShell>
  );
}
