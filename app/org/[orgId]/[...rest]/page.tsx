import { notFound } from 'next/navigation';

/** Any other address under an organization: its console's own 404 (../not-found.tsx), in the layout. */
export default function UnknownConsolePage() {
  notFound();
}
