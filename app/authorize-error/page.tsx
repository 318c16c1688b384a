import type { Metadata } from 'next';
import { AuthShell } from '@/components/auth-shell';
import { Alert } from '@/components/ui/alert';

export const metadata: Metadata = { title: 'Sign-in request not valid' };

/** Where authorization errors go when redirecting them to the application would not be safe. */
export default async function AuthorizeErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const description = typeof params.error_description === 'string' ? params.error_description.slice(0, 300) : '';
  const code = typeof params.error === 'string' ? params.error.slice(0, 64) : 'invalid_request';
  return (
    <AuthShell title="This sign-in request is not valid" description="The application that sent you here made a request the portal cannot accept.">
      <Alert variant="destructive">{description || 'The request is not valid.'}</Alert>
      <p className="text-xs text-muted-foreground">
        Error code: <code>{code}</code>. If this keeps happening, tell the application’s administrator.
      </p>
    </AuthShell>
  );
}
