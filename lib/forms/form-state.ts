/** What a server action returns to its form: errors beside fields, or one message for the form. */
export type FormState = {
  fieldErrors?: Record<string, string>;
  formError?: string;
  notice?: string;
  /** Values to put back into the fields (never passwords). */
  values?: Record<string, string>;
  /** Sign-in of an unverified account: offer to resend the link to this address. */
  unverifiedEmail?: string;
  /** Continue with a full page load here (see signInAction). */
  redirectTo?: string;
};

export const emptyFormState: FormState = {};
