#!/usr/bin/env node
// Entry point of the `newsflow` command: runs the compiled CLI (npm run build first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('newsflow: dist/ is missing. Run `npm run build` (or `npm start`) first.\n');
  process.exit(1);
}
const { run } = await import(main);
const code = await run(process.argv.slice(2));
// why exit explicitly: a command is done when run() resolves; client reconnect timers of a Redis we just stopped
// must not keep the process alive. The empty write's callback fires once everything before it is flushed.
process.stdout.write('', () => process.exit(code));
