import { TextLink } from '@/components/text-link';
import { AuthShell } from '@/components/auth-shell';

export default function NotFound() {
  return (
    <AuthShell title="Page not found" description="There is nothing at this address.">
      <TextLink href="/">
        Go to the start page
      </TextLink>
    </AuthShell>
  );
}
