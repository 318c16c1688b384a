// Copied into the release as runtime.js, which server.js and cli.js import before anything else:
// what Next's generated standalone server.js does before it starts Next, done for our own server.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

const releaseDir = path.dirname(fileURLToPath(import.meta.url));

process.env.NODE_ENV = 'production';
// A DATA_DIR the operator names is relative to where they typed the command; the release's own
// files (.next, db/migrations) are found relative to the release, wherever it was started from.
if (process.env.DATA_DIR) process.env.DATA_DIR = path.resolve(process.env.DATA_DIR);
process.chdir(releaseDir);
// The configuration the build resolved: next.config.ts is not shipped, and Next warns that a
// standalone build "does not work with next start" unless it is handed this.
const { config } = JSON.parse(readFileSync('.next/required-server-files.json', 'utf8'));
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
// Old generation at 1.5 times the live objects after a full collection, not up to 4 times (peak RSS
// under load 243-350 MB → 211 MB), as scripts/start.mjs does; HEAP_GROWING_PERCENT=0 leaves V8 its own.
const heapGrowingPercent = Number(process.env.HEAP_GROWING_PERCENT ?? 50);
v8.setFlagsFromString(`--heap-growing-percent=${Number.isInteger(heapGrowingPercent) && heapGrowingPercent >= 0 ? heapGrowingPercent : 50}`);
