/**
 * Process entry of the CLI: run it with this process's argv and exit with its code. bin/newsflow.js runs
 * the compiled main.js; tests and `npx tsx src/cli/entry.ts …` run this file from source.
 */
import { run } from './main.js';

process.exitCode = await run(process.argv.slice(2));
