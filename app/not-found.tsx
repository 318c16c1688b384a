import Link from 'next/link';
import { AuthShell } from '@/components/auth-shell';

export default function NotFound() {
  return (
    <AuthShell title="Page not found" description="There is nothing at this address.">
      <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/">
        Go to the start page
      </Link>
    </AuthShell>
  );
}
