import Link from 'next/link';
import { ShieldCheck } from 'lucide-react';
import { SubmitButton } from '@/components/forms/submit-button';
import { signOutAction } from '../account/actions';

/** The signed-in portal's top bar: home, the account and organization console links, sign-out. */
export function PortalHeader({ wide = false }: { wide?: boolean }) {
  return (
    <header className="border-b bg-card">
      <div className={`mx-auto flex ${wide ? 'max-w-5xl' : 'max-w-3xl'} flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3`}>
        <Link href="/account" className="flex items-center gap-2 text-sm font-semibold">
          <ShieldCheck className="size-5 text-primary" aria-hidden />
          Auth Portal
        </Link>
        <nav aria-label="Portal" className="flex items-center gap-1 text-sm">
          <Link href="/account" className="rounded-md px-3 py-2 font-medium hover:bg-accent">
            Account
          </Link>
          <Link href="/org" className="rounded-md px-3 py-2 font-medium hover:bg-accent">
            Console
          </Link>
          <form action={signOutAction}>
            <SubmitButton variant="outline" className="ml-1 h-9" pendingLabel="Signing out…">
              Sign out
            </SubmitButton>
          </form>
        </nav>
      </div>
    </header>
  );
}
