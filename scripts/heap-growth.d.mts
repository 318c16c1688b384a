/** See heap-growth.mjs. */
export function lowerHeapGrowth(): void;
