import { Alert } from '@/components/ui/alert';
import type { FormState } from '@/lib/forms/form-state';

/** The form-level error or notice of a FormState, if any. */
export function FormMessage({ state }: { state: FormState }) {
  if (state.formError) return <Alert variant="destructive">{state.formError}</Alert>;
  if (state.notice) return <Alert variant="success">{state.notice}</Alert>;
  return null;
}
