import path from 'node:path';

/**
 * esbuild options shared by `npm start`'s server.ts bundle and the release's: npm packages stay
 * imports, resolved at run time, so server.ts shares the module instances the Next bundle loads
 * (serverExternalPackages in next.config.ts).
 */
export const serverBundleOptions = {
  absWorkingDir: path.resolve(import.meta.dirname, '..'),
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
};
