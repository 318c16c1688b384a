import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// next-intl without locale routing: lib/i18n/request.ts picks the language per request.
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // .next/standalone: the traced server files `npm run release` assembles into release/ (scripts/release.mjs).
  output: 'standalone',
  // Native addons, WASM and modules that must be shared with server.ts stay outside the bundle.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@node-rs/argon2',
    'drizzle-orm',
    'postgres',
    'rate-limiter-flexible',
    'ioredis',
    'nodemailer',
    'prom-client',
  ],
  poweredByHeader: false,
  // Above Next's 1 MB default so oversized form fields reach our validation and get a field error;
  // server.ts answers bodies beyond MAX_FORM_BODY_BYTES with 413 before Next sees them.
  experimental: { serverActions: { bodySizeLimit: '2mb' } },
  reactStrictMode: true,
};

export default withNextIntl(nextConfig);
