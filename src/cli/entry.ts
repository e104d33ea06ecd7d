/**
 * Process entry of the CLI: run it with this process's argv and exit with its code. bin/newsflow.js runs the
 * compiled entry.js; tests and `npx tsx src/cli/entry.ts …` run this file from source.
 */
import { run } from './main.js';

const code = await run(process.argv.slice(2));
// why exit explicitly: a command is done when run() resolves. Reconnect timers of a Redis we just stopped, or
// page fetches a worker abandoned at its shutdown deadline, must not keep the process alive. The empty write's
// callback fires once everything written before it is flushed.
process.stdout.write('', () => process.exit(code));
