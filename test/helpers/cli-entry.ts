// Runs the CLI from source as a real process (tests spawn it with `node --import tsx`).
import { run } from '../../src/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
