import Link from 'next/link';
import type * as React from 'react';
import { cn } from '@/lib/cn';

/** The look of an inline link: underlined (not colour alone), a comfortable tap target, a visible focus ring. */
export const textLinkClass =
  'inline-block rounded-sm py-1 font-medium text-primary underline underline-offset-4 hover:decoration-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring';

/** An inline link that looks like one. */
export function TextLink({ className, ...props }: React.ComponentProps<typeof Link>) {
  return <Link className={cn(textLinkClass, className)} {...props} />;
}
