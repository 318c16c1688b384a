import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Auth Portal', template: '%s · Auth Portal' },
  description: 'Sign in to your organization’s applications.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Every page is rendered per request: the CSP nonce differs each time (see proxy.ts).
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
