#!/usr/bin/env node
// Entry point of the `newsflow` command: runs the compiled CLI (npm run build first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/entry.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('newsflow: dist/ is missing. Run `npm run build` (or `npm start`) first.\n');
  process.exit(1);
}
await import(entry);
