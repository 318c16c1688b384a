import { ChevronDown } from 'lucide-react';
import { cn } from '@/lib/cn';

/**
 * A button-looking <summary> that opens `children` in place: a confirmation or an edit field that
 * works without JavaScript. A Cancel inside links back to the page, which reloads it closed.
 */
export function Disclosure({ label, children, className }: { label: React.ReactNode; children: React.ReactNode; className?: string }) {
  return (
    <details className={cn('group min-w-0 basis-full sm:basis-auto', className)}>
      <summary className="inline-flex h-9 cursor-pointer list-none items-center gap-1 rounded-md border bg-background px-4 text-sm font-medium hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring [&::-webkit-details-marker]:hidden">
        {label}
        <ChevronDown className="size-4 transition-transform group-open:rotate-180" aria-hidden />
      </summary>
      <div className="mt-2">{children}</div>
    </details>
  );
}

/** The box of a destructive confirmation: what happens, then the button and Cancel. */
export function ConfirmPanel({ message, children }: { message: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="grid gap-2 rounded-md border border-destructive/40 bg-destructive/5 p-3">
      <p className="text-sm [overflow-wrap:anywhere]">{message}</p>
      <div className="flex flex-wrap gap-2">{children}</div>
    </div>
  );
}
