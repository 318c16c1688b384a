import { redirect } from 'next/navigation';

export default async function OrgHome({ params }: { params: Promise<{ orgId: string }> }) {
  redirect(`/org/${(await params).orgId}/members`);
}
