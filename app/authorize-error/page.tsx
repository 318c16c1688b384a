import type { Metadata } from 'next';
import { AuthShell } from '@/components/auth-shell';
import { Alert } from '@/components/ui/alert';
import { errorPageContent } from '@/lib/oidc/error-page';

export const metadata: Metadata = { title: 'Sign-in request not valid' };

/** Where authorization errors go when redirecting them to the application would not be safe. */
export default async function AuthorizeErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Anyone can link here with any text: only the portal's own texts are shown.
  const { code, message } = errorPageContent(params.error, params.error_description);
  return (
    <AuthShell title="This sign-in request is not valid" description="The application that sent you here made a request the portal cannot accept.">
      <Alert variant="destructive">{message}</Alert>
      <p className="text-xs text-muted-foreground">
        Error code: <code>{code}</code>. If this keeps happening, tell the application’s administrator.
      </p>
    </AuthShell>
  );
}
