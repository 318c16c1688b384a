import type * as React from 'react';
import { cn } from '@/lib/cn';

/** A native checkbox with the theme's accent colour and a visible focus ring. */
export function Checkbox({ className, ...props }: Omit<React.ComponentProps<'input'>, 'type'>) {
  return (
    <input
      type="checkbox"
      data-slot="checkbox"
      className={cn('size-4 shrink-0 rounded border-input accent-primary focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50', className)}
      {...props}
    />
  );
}
