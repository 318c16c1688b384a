'use client';

import { useRef } from 'react';
import { MoreHorizontal } from 'lucide-react';

/**
 * A row's actions behind a disclosure: a <details> that opens with Enter or Space without
 * JavaScript; with it, Escape closes the menu and returns to its button.
 */
export function RowMenu({ label, name, children }: { label: string; name: string; children: React.ReactNode }) {
  const details = useRef<HTMLDetailsElement>(null);
  return (
    <details
      ref={details}
      className="group relative"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !details.current?.open) return;
        event.preventDefault();
        details.current.open = false;
        details.current.querySelector('summary')?.focus();
      }}
    >
      <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md border bg-card px-3 py-1.5 text-sm font-medium hover:bg-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring [&::-webkit-details-marker]:hidden">
        <MoreHorizontal className="size-4 shrink-0" aria-hidden />
        <span>
          {label}
          <span className="sr-only"> {name}</span>
        </span>
      </summary>
      <div className="z-20 mt-2 grid w-full gap-5 rounded-lg border bg-card p-3 text-left shadow-md sm:absolute sm:right-0 sm:w-80">{children}</div>
    </details>
  );
}
