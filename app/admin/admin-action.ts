import { revalidatePath } from 'next/cache';
import { getLocale } from 'next-intl/server';
import type { z } from 'zod';
import { CANCEL_FIELD } from '@/components/org/cancel-field';
import { DomainError } from '@/lib/domain/errors';
import type { FormState } from '@/lib/forms/form-state';
import { errorText } from '@/lib/i18n/error-text';
import { validatedAction } from '@/lib/forms/validated-action';
import { requirePlatformConsole, type PlatformConsoleActor } from '@/lib/platform/console-access';

/**
 * A platform console server action. Who may act is checked first, before the form is read, with
 * the layout's own rule (requirePlatformConsole): a forged post by anyone else is a 404 whatever
 * it holds. Then the form is validated, `run` gets the acting administrator, and the domain's
 * refusals become the form's message.
 */
export function adminAction<S extends z.ZodObject, R extends FormState = FormState>(
  returnPath: string,
  schema: S,
  run: (admin: PlatformConsoleActor, data: z.output<S>) => Promise<NoInfer<R>>,
) {
  const validated = validatedAction<S, R>(schema, async (data) => {
    const admin = await requirePlatformConsole(returnPath);
    try {
      const result = await run(admin, data as z.output<S>);
      revalidatePath('/admin', 'layout');
      return result;
    } catch (err) {
      if (err instanceof DomainError) return { formError: errorText(err, await getLocale()) } as R;
      throw err;
    }
  });
  return async (state: R, formData: FormData): Promise<R> => {
    await requirePlatformConsole(returnPath);
    // The confirm step's Cancel (see ActionForm) goes back to the form as it was.
    if (formData.has(CANCEL_FIELD)) return {} as R;
    return validated(state, formData);
  };
}
