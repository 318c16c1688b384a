// Copied into the release as runtime.js, which server.js and cli.js import before anything else:
// what Next's generated standalone server.js does before it starts Next, done for our own server.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lowerHeapGrowth } from './heap-growth.mjs';

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
lowerHeapGrowth();
