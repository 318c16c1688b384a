import type { Metadata } from 'next';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { orgPage } from '../org-page';
import { SettingsForm } from './settings-form';

export const metadata: Metadata = { title: 'Organization settings' };

export default async function SettingsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { access, org } = await orgPage(orgId);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg">Settings</CardTitle>
      </CardHeader>
      <CardContent>
        {/* updateOrganization allows owners and platform actors: the superusers of OrgAccess. */}
        <SettingsForm orgId={orgId} name={org.name} requireMfa={org.requireMfa} editable={access.superuser} />
      </CardContent>
    </Card>
  );
}
