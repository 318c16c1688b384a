import Link from 'next/link';
import { ShieldCheck } from 'lucide-react';
import { AccountNav } from '@/components/account/account-nav';
import { SubmitButton } from '@/components/forms/submit-button';
import { signOutAction } from './actions';

export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-dvh">
      <header className="border-b bg-card">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
          <Link href="/account" className="flex items-center gap-2 text-sm font-semibold">
            <ShieldCheck className="size-5 text-primary" aria-hidden />
            Auth Portal
          </Link>
          <form action={signOutAction}>
            <SubmitButton variant="outline" className="h-9" pendingLabel="Signing out…">
              Sign out
            </SubmitButton>
          </form>
        </div>
      </header>
      <div className="mx-auto grid max-w-5xl gap-6 px-4 py-6 md:grid-cols-[12rem_1fr] md:py-8">
        <AccountNav />
        <main className="grid min-w-0 grid-cols-1 content-start gap-6">{children}</main>
      </div>
    </div>
  );
}
