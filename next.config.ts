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
  // `npm test` type-checks the whole project before it builds; it sets this so the build does not do it twice.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === '1' },
  experimental: {
    // Above Next's 1 MB default so oversized form fields reach our validation and get a field error;
    // server.ts answers bodies beyond MAX_FORM_BODY_BYTES with 413 before Next sees them.
    serverActions: { bodySizeLimit: '2mb' },
    // A CI clone builds once and is thrown away: writing Turbopack's build cache there is time lost.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
  reactStrictMode: true,
};

export default withNextIntl(nextConfig);
