import Link from 'next/link';
import type * as React from 'react';
import { cn } from '@/lib/cn';

/** An inline link that looks like one (underlined, not colour alone) with a comfortable tap target. */
export function TextLink({ className, ...props }: React.ComponentProps<typeof Link>) {
  return (
    <Link
      className={cn('inline-block py-1 font-medium text-primary underline underline-offset-4 hover:decoration-2', className)}
      {...props}
    />
  );
}
