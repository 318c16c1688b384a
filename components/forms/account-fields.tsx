import { useTranslations } from 'next-intl';
import { TextField } from '@/components/forms/text-field';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/auth/password-limits';
import type { FormState } from '@/lib/forms/form-state';

/** The Email field every account form has, refilled from the last submit. */
export function EmailField({
  state,
  autoComplete = 'email',
  defaultValue,
}: {
  state: FormState;
  autoComplete?: string;
  defaultValue?: string;
}) {
  const t = useTranslations('auth');
  return (
    <TextField
      name="email"
      label={t('fields.email')}
      type="email"
      autoComplete={autoComplete}
      required
      defaultValue={state.values?.email ?? defaultValue}
      error={state.fieldErrors?.email}
    />
  );
}

/** A password being chosen (sign-up, reset): the policy's limits, shown as a hint. */
export function NewPasswordField({ state, label }: { state: FormState; label?: string }) {
  const t = useTranslations('auth');
  return (
    <TextField
      name="password"
      label={label ?? t('fields.password')}
      type="password"
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN}
      maxLength={PASSWORD_MAX}
      hint={t('fields.passwordHint', { min: PASSWORD_MIN })}
      error={state.fieldErrors?.password}
    />
  );
}
