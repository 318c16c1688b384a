'use client';

import { useEffect, useRef } from 'react';
import type { FormState } from '@/lib/forms/form-state';

/**
 * After a submit comes back with errors, moves keyboard focus to the first invalid field (the
 * submit button was disabled while sending, which dropped focus to the page).
 */
export function FocusFirstError({ state }: { state: FormState }) {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!state.fieldErrors && !state.formError) return;
    const form = marker.current?.closest('form');
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('input:not([type=hidden])');
    target?.focus();
  }, [state]);
  return <span ref={marker} hidden />;
}
