import type * as React from 'react';
import { cn } from '@/lib/cn';
import { FieldFrame, type FieldProps } from './field-frame';

type Props = Omit<React.ComponentProps<'textarea'>, 'id' | 'name'> & FieldProps;

/** A labelled textarea (one value per line) with its error below it, as TextField is for inputs. */
export function TextAreaField({ name, label, error, hint, className, ...rest }: Props) {
  return (
    <FieldFrame
      name={name}
      label={label}
      error={error}
      hint={hint}
      className="min-w-0"
      control={(ids) => (
        <textarea
          name={name}
          rows={3}
          spellCheck={false}
          {...ids}
          className={cn(
            'w-full min-w-0 rounded-md border border-input bg-card px-3 py-2 font-mono text-sm shadow-xs outline-none',
            'focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive',
            className,
          )}
          {...rest}
        />
      )}
    />
  );
}
