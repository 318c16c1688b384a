'use client';

import { useEffect, useRef } from 'react';
import { Alert } from '@/components/ui/alert';

/**
 * The answer to a console action, focused when it appears so keyboard and screen-reader users
 * land on it (the button they pressed may be gone, as after removing a member).
 */
export function FocusedAlert({ variant, children }: { variant: 'success' | 'destructive' | 'default'; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Alert ref={ref} tabIndex={-1} variant={variant} className="focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
      {children}
    </Alert>
  );
}
