import type * as React from 'react';
import { Label } from '@/components/ui/label';
import { cn } from '@/lib/cn';

export type FieldProps = { name: string; label: string; error?: string; hint?: React.ReactNode };

/** The ids a field's control carries: its own, and the hint or error that describes it. */
export type ControlIds = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

/**
 * A field's label, its control and, below it, its hint or its error (announced to screen readers).
 * `control` draws the input, textarea or select with the ids it is given.
 */
export function FieldFrame({ name, label, error, hint, className, control }: FieldProps & { className?: string; control: (ids: ControlIds) => React.ReactNode }) {
  const id = `field-${name}`;
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return (
    <div className={cn('grid gap-2', className)}>
      <Label htmlFor={id}>
        <span className="min-w-0 [overflow-wrap:anywhere]">{label}</span>
      </Label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined })}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-destructive" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
