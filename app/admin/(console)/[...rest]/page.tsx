import { notFound } from 'next/navigation';
import { requirePlatformConsole } from '@/lib/platform/console-access';

/** Any other address under /admin: the console's own 404 (../not-found.tsx), in the layout; to its visitors, the usual refusals first. */
export default async function UnknownPlatformConsolePage({ params }: { params: Promise<{ rest: string[] }> }) {
  const { rest } = await params;
  await requirePlatformConsole(`/admin/${rest.map(encodeURIComponent).join('/')}`);
  notFound();
}
