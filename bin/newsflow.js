#!/usr/bin/env -S node --single-threaded-gc
// Entry point of the `newsflow` command: runs the compiled CLI (npm run build first).
// why --single-threaded-gc: a worker keeps every core busy with extraction, so V8's parallel GC helper threads only
// compete with it; GC on the allocating thread cut worker CPU per article by ~10% (BENCHMARKS.md). Run through
// `node bin/newsflow.js` the flag is not applied: everything still works, with V8's default GC.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/entry.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('newsflow: dist/ is missing. Run `npm run build` (or `npm start`) first.\n');
  process.exit(1);
}
await import(entry);
