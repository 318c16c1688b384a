import type { z } from 'zod';
import type { FormState } from './form-state';

const SECRET_FIELD = /password|token/i;

function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !key.startsWith('$') && !SECRET_FIELD.test(key)) values[key] = value.slice(0, 500);
  }
  return values;
}

/**
 * Wraps a server action: parses the form with `schema`, returns the first message per field on
 * failure, and otherwise calls `action` with the parsed data. Entered values (not secrets) are
 * echoed back so a form rendered without JavaScript keeps them.
 */
export function validatedAction<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  action: (data: z.output<S>, formData: FormData) => Promise<FormState>,
) {
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    const values = echoValues(formData);
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'form');
        fieldErrors[field] ??= issue.message;
      }
      return { fieldErrors, values };
    }
    const result = await action(parsed.data, formData);
    return { values, ...result };
  };
}
