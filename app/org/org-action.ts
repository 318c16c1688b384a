import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { CANCEL_FIELD } from '@/components/org/cancel-field';
import { currentUser } from '@/lib/auth/current-user';
import { mfaRedirectPath } from '@/lib/auth/mfa-requirement';
import { currentSession } from '@/lib/auth/request-context';
import { userActor } from '@/lib/domain/actor';
import { DomainError } from '@/lib/domain/errors';
import type { FormState } from '@/lib/forms/form-state';
import { errorText } from '@/lib/i18n/error-text';
import { validatedAction } from '@/lib/forms/validated-action';
import { accessInOrganization, type OrgAccess } from '@/lib/orgs/access';

export const idSchema = z.string().min(1).max(100);

/**
 * A console server action: validates the form, resolves the signed-in user's access in the
 * form's organization, and maps the domain's refusals to the form's message. The domain checks
 * every permission itself, so a forged form gets the same refusal as the REST API.
 */
export function orgAction<S extends z.ZodObject>(
  schema: S,
  run: (access: OrgAccess, data: z.output<S>) => Promise<FormState>,
) {
  const validated = validatedAction(schema.extend({ orgId: idSchema }), async (data) => {
    const { orgId } = data as { orgId: string };
    const user = await currentUser();
    const session = await currentSession();
    if (!user || !session) return { formError: (await getTranslations('console'))('actions.sessionEnded') };
    const secondFactor = await mfaRedirectPath(session, `/org/${encodeURIComponent(orgId)}/members`);
    if (secondFactor) redirect(secondFactor);
    try {
      const access = await accessInOrganization(await userActor(user.id), orgId);
      const result = await run(access, data as z.output<S>);
      revalidatePath(`/org/${orgId}`, 'layout');
      return result;
    } catch (err) {
      if (err instanceof DomainError) return { formError: errorText(err, await getLocale()) };
      throw err;
    }
  });
  // The confirm step's Cancel (see ActionForm) goes back to the form as it was, with or without JavaScript.
  return async (state: FormState, formData: FormData): Promise<FormState> => (formData.has(CANCEL_FIELD) ? {} : validated(state, formData));
}

/** The first press of a destructive button only asks; see ActionForm's confirmLabel. */
export const confirmation = z.object({ confirmed: z.literal('yes').optional() });

export function askToConfirm(question: string): FormState {
  return { notice: question, values: { confirmed: 'yes' } };
}
