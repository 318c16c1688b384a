import { AccountNav } from '@/components/account/account-nav';
import { PortalHeader } from '@/app/_components/portal-header';
import { currentUser } from '@/lib/auth/current-user';
import { ConsoleMessages } from '@/components/console-messages';

async function AccountFrame({ children }: { children: React.ReactNode }) {
  // Signed out, every account page but the email-change link sends to sign-in; that one page
  // draws its own signed-out frame, so no signed-in header or navigation around it.
  if (!(await currentUser())) return children;
  return (
    <div className="min-h-dvh">
      <PortalHeader wide />
      <div className="mx-auto grid max-w-5xl gap-6 px-4 py-6 md:grid-cols-[12rem_1fr] md:py-8">
        <AccountNav />
        <main id="main" tabIndex={-1} className="grid min-w-0 grid-cols-1 content-start gap-6">
          {children}
        </main>
      </div>
    </div>
  );
}

export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return (
    <ConsoleMessages>
      <AccountFrame>{children}</AccountFrame>
    </ConsoleMessages>
  );
}
