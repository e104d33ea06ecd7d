/**
 * `npm run eval -- [task...] [--data DIR] [--limit N] [--json] [--no-write] [--verbose]`
 * Scores the extractors on the development sets in ../shared/eval and writes EVAL.md.
 * Tasks: article, entities, dates, quotes, dedup (default: all).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeEvalSection, type EvalSection, type EvalTask } from './eval/_shared.js';

const TASKS = ['article', 'entities', 'dates', 'quotes', 'dedup'] as const;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `Usage: npm run eval -- [task...] [options]

Tasks: ${TASKS.join(', ')} (default: all)

Options:
  --data DIR     evaluation data root (default: ../shared/eval)
  --limit N      at most N documents per set (quick look)
  --json         print the headline figures as JSON
  --no-write     do not update EVAL.md
  --verbose      per-document detail
  -h, --help     this help

Examples:
  npm run eval -- article
  npm run eval -- entities dates --limit 50 --no-write
`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const unknown = positionals.filter((t) => !(TASKS as readonly string[]).includes(t));
  if (unknown.length) {
    process.stderr.write(`eval: unknown task ${unknown.join(', ')}\n\n${HELP}`);
    return 2;
  }
  const tasks = positionals.length ? positionals : [...TASKS];
  const dataDir = resolve(values.data ?? join(root, '..', 'shared', 'eval'));
  if (!existsSync(dataDir)) {
    process.stdout.write(`eval: skipped: no evaluation data at ${dataDir} (pass --data DIR to point at it)\n`);
    return 0;
  }
  const limit = values.limit ? Number(values.limit) : null;
  const summaries: Record<string, EvalSection['summary']> = {};
  for (const task of tasks) {
    let mod: { evaluate?: EvalTask };
    try {
      mod = (await import(`./eval/${task}.js`)) as { evaluate?: EvalTask };
    } catch (err) {
      process.stderr.write(`eval ${task}: not available (${(err as Error).message})\n`);
      continue;
    }
    if (!mod.evaluate) continue;
    const started = performance.now();
    const section = await mod.evaluate({ dataDir, limit, verbose: values.verbose });
    if (!section) {
      process.stdout.write(`eval ${task}: skipped: its data is not under ${dataDir}\n`);
      continue;
    }
    summaries[task] = section.summary;
    if (!values.json) process.stdout.write(`\n## ${task} (${((performance.now() - started) / 1000).toFixed(1)} s)\n\n${section.markdown.trim()}\n`);
    if (!values['no-write'] && limit === null) writeEvalSection(root, section);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
  return 0;
}

process.exitCode = await main();
