#!/usr/bin/env -S node --single-threaded-gc --max-semi-space-size=4 --max-old-space-size=2047
// Entry point of the `newsflow` command: runs the compiled CLI (npm run build first).
// The V8 flags workers run with (why: src/workers/node-flags.ts). Run through `node bin/newsflow.js` they are not
// applied: everything still works, with V8's defaults.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/entry.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('newsflow: dist/ is missing. Run `npm run build` (or `npm start`) first.\n');
  process.exit(1);
}
await import(entry);
