import type * as React from 'react';
import { Label } from '@/components/ui/label';
import { cn } from '@/lib/cn';

type Props = Omit<React.ComponentProps<'textarea'>, 'id' | 'name'> & { name: string; label: string; error?: string; hint?: React.ReactNode };

/** A labelled textarea (one value per line) with its error below it, as TextField is for inputs. */
export function TextAreaField({ name, label, error, hint, className, ...rest }: Props) {
  const id = `field-${name}`;
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return (
    <div className="grid min-w-0 gap-2">
      <Label htmlFor={id}>{label}</Label>
      <textarea
        id={id}
        name={name}
        rows={3}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        className={cn(
          'w-full min-w-0 rounded-md border border-input bg-card px-3 py-2 font-mono text-sm shadow-xs outline-none',
          'focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive',
          className,
        )}
        {...rest}
      />
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
