import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { requireUser, type CurrentUser } from '@/lib/auth/current-user';
import type { FormState } from './form-state';
import { formFields, validatedAction } from './validated-action';

type FormSchema = z.ZodType<Record<string, unknown>>;

/**
 * A server action of a signed-in page, for a form that shows messages (useActionState): the form
 * is parsed as validatedAction does, then a signed-out visitor goes to the sign-in page and back
 * to `returnPath` (built from the form when the page's address carries its data), and `action`
 * gets the parsed data and the user.
 */
export function accountAction<S extends FormSchema, R extends FormState = FormState>(
  returnPath: string | ((data: z.output<S>) => string),
  schema: S,
  action: (data: z.output<S>, user: CurrentUser) => Promise<NoInfer<R>>,
) {
  return validatedAction<S, R>(schema, async (data) => {
    const user = await requireUser(typeof returnPath === 'string' ? returnPath : returnPath(data));
    return action(data, user);
  });
}

/**
 * The same for a form without a message area (a button in a list), posted as `<form action>`:
 * the user comes first, and a form the page never renders goes back to `invalidPath` (by default
 * the page) instead of showing field errors.
 */
export function accountFormAction<S extends FormSchema>(
  returnPath: string,
  schema: S,
  action: (data: z.output<S>, user: CurrentUser) => Promise<void>,
  invalidPath = returnPath,
) {
  return async (formData: FormData): Promise<void> => {
    const user = await requireUser(returnPath);
    const parsed = schema.safeParse(formFields(formData));
    if (!parsed.success) redirect(invalidPath);
    await action(parsed.data, user);
  };
}
