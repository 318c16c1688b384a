'use client';

import { useTranslations } from 'next-intl';
import { CANCEL_FIELD } from '@/components/org/cancel-field';
import { Button } from '@/components/ui/button';
import { SubmitButton } from './submit-button';

/**
 * A form's buttons for a change asked once more before it is made: the action, then (while
 * `asking`) the destructive confirmation beside a Cancel that posts CANCEL_FIELD, so the confirm
 * step works without JavaScript too.
 */
export function ConfirmStepButtons({
  asking,
  label,
  confirmLabel,
  pendingLabel,
  variant = 'destructive',
}: {
  asking: boolean;
  label: string;
  /** Without one there is no confirm step. */
  confirmLabel?: string;
  pendingLabel: string;
  /** The action's button before the confirm step. */
  variant?: 'default' | 'outline' | 'secondary' | 'destructive';
}) {
  const t = useTranslations('common.actions');
  return (
    <div className="flex flex-wrap gap-2">
      <SubmitButton variant={asking ? 'destructive' : variant} className="w-full sm:w-auto" pendingLabel={pendingLabel}>
        {asking ? (confirmLabel ?? label) : label}
      </SubmitButton>
      {asking ? (
        <Button type="submit" name={CANCEL_FIELD} value="1" variant="outline" className="w-full sm:w-auto">
          {t('cancel')}
        </Button>
      ) : null}
    </div>
  );
}
