import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { isErrorKey, type ErrorValues } from '@/lib/domain/errors';
import { fieldText } from '@/lib/i18n/error-text';
import type { FormState } from './form-state';

const SECRET_FIELD = /password|token|secret/i;

function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !key.startsWith('$') && !SECRET_FIELD.test(key)) values[key] = value.slice(0, 500);
  }
  return values;
}

/**
 * The form as an object for zod: a field sent once is its value, a field sent several times
 * (checkboxes sharing a name) is the array of its values in form order.
 */
export function formFields(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const fields: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    fields[key] = all.length === 1 ? all[0]! : all;
  }
  return fields;
}

/**
 * Checkboxes sharing a name, as the array of ticked values ([] when none is ticked, one value
 * alone arrives as a string). Values no rendered box could send (empty, longer than `maxLength`)
 * are dropped rather than refused, so a forged one changes nothing.
 */
export function checkedValues(maxLength: number) {
  return z
    .unknown()
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .transform((values) => values.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= maxLength));
}

/** The first message per field, in the page's language when it is a catalogue key (see fieldText). */
export async function fieldErrorsOf(issues: z.core.$ZodIssue[]): Promise<Record<string, string>> {
  const first = new Map<string, z.core.$ZodIssue>();
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!first.has(field)) first.set(field, issue);
  }
  const locale = [...first.values()].some((issue) => isErrorKey(issue.message)) ? (await getLocale()) : 'en';
  const fieldErrors: Record<string, string> = {};
  for (const [field, issue] of first) {
    const limit: ErrorValues = 'maximum' in issue ? { max: Number(issue.maximum) } : 'minimum' in issue ? { min: Number(issue.minimum) } : {};
    fieldErrors[field] = fieldText(issue.message, limit, locale);
  }
  return fieldErrors;
}

/**
 * Wraps a server action: parses the form with `schema`, returns the first message per field on
 * failure, and otherwise calls `action` with the parsed data. Entered values (not secrets) are
 * echoed back so a form rendered without JavaScript keeps them.
 */
export function validatedAction<S extends z.ZodType<Record<string, unknown>>, R extends FormState = FormState>(
  schema: S,
  action: (data: z.output<S>) => Promise<NoInfer<R>>,
) {
  return async (_prev: R, formData: FormData): Promise<R> => {
    const values = echoValues(formData);
    const parsed = schema.safeParse(formFields(formData));
    if (!parsed.success) {
      return { fieldErrors: await fieldErrorsOf(parsed.error.issues), values } as R;
    }
    const result = await action(parsed.data);
    return { values, ...result };
  };
}
