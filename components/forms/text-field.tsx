import type * as React from 'react';
import { Input } from '@/components/ui/input';
import { FieldFrame, type FieldProps } from './field-frame';

type TextFieldProps = Omit<React.ComponentProps<'input'>, 'id' | 'name'> & FieldProps;

/** A labelled input with its error right below it, announced to screen readers. */
export function TextField({ name, label, error, hint, ...input }: TextFieldProps) {
  return <FieldFrame name={name} label={label} error={error} hint={hint} control={(ids) => <Input name={name} {...ids} {...input} />} />;
}
