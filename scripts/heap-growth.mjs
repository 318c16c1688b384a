import v8 from 'node:v8';

/**
 * V8 lets the old generation grow to up to four times what survived the last full collection before
 * the next one; under load the portal's ~60 MB of live objects then sat beside ~150 MB of garbage
 * (peak RSS 243-350 MB in `npm run bench -- oidc`, 211 MB with this). 1.5 times instead. V8 reads
 * the flag at every collection, so it can be set at start (Node refuses it in NODE_OPTIONS).
 * HEAP_GROWING_PERCENT=0 leaves V8 its own growth. Used by `npm start` (scripts/start.mjs) and the
 * release (copied beside its runtime.js).
 */
export function lowerHeapGrowth() {
  const n = Number(process.env.HEAP_GROWING_PERCENT ?? 50);
  const percent = Number.isInteger(n) && n >= 0 && n <= 1000 ? n : 50;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
