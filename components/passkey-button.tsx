import { KeyRound, Loader2 } from 'lucide-react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

type Props = { label: string; pendingLabel: string; pending: boolean; error: string | null; onClick: () => void };

/** A passkey button with its error above it: the sign-in page's and the second step's. */
export function PasskeyButton({ label, pendingLabel, pending, error, onClick }: Props) {
  return (
    <div className="grid gap-2">
      {error ? <Alert variant="destructive">{error}</Alert> : null}
      <Button type="button" variant="outline" className="w-full" onClick={onClick} disabled={pending} aria-disabled={pending}>
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : <KeyRound aria-hidden />}
        {pending ? pendingLabel : label}
      </Button>
    </div>
  );
}
