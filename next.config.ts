import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native addons, WASM and modules that must be shared with server.ts stay outside the bundle.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    '@node-rs/argon2',
    'drizzle-orm',
    'postgres',
    'rate-limiter-flexible',
    'ioredis',
    'nodemailer',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
