import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/auth-shell';
import { Button } from '@/components/ui/button';
import { currentUser } from '@/lib/auth/current-user';

export default async function HomePage() {
  if (await currentUser()) redirect('/account');
  return (
    <AuthShell title="Welcome" description="One account for every application of your organization.">
      <div className="grid gap-2">
        <Button asChild>
          <Link href="/login">Sign in</Link>
        </Button>
        <Button asChild variant="outline">
          <Link href="/signup">Create account</Link>
        </Button>
      </div>
    </AuthShell>
  );
}
