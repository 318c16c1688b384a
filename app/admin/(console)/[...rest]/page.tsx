import { notFound } from 'next/navigation';

/** Any other address under /admin: the console's own 404 (../not-found.tsx), in the layout. */
export default function UnknownPlatformConsolePage() {
  notFound();
}
