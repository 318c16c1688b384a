'use client';

import { Loader2 } from 'lucide-react';
import { useFormStatus } from 'react-dom';
import { Button } from '@/components/ui/button';

/** A submit button that shows it is working while its form is being sent. */
export function SubmitButton({
  children,
  pendingLabel,
  variant,
  className = 'w-full',
}: {
  children: React.ReactNode;
  pendingLabel: string;
  variant?: 'default' | 'outline' | 'link' | 'secondary' | 'destructive';
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} className={className} disabled={pending} aria-disabled={pending}>
      {pending ? (
        <>
          <Loader2 className="animate-spin" aria-hidden />
          <span>{pendingLabel}</span>
        </>
      ) : (
        children
      )}
    </Button>
  );
}
