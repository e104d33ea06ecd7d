/** `newsflow archive`: move records older than the retention window from Redis to the archive's day files. */
import { writeSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { PAUSE_POINTS, type ArchiveReport, type PausePoint } from '../../archive/archiver.js';
import { recordedArchiveRun } from '../../archive/recorded-run.js';
import { parseCount, parseDate } from '../args.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { errSink, printJson, processIo, table, type Io } from '../output.js';
import { progressBar } from '../progress.js';

const ARCHIVE_JSON = `JSON shape (--json): { "before": s (ISO), "dryRun": bool, "candidates": n, "moved": n, "alreadyArchived": n,
  "fingerprintsForgotten": n, "heldBack": n, "files": [ { "day": "YYYY-MM-DD", "records": n } ],
  "repaired": [ { "day": s, "cutBytes": n, "indexedIds": n } ], "durationMs": n, "recordsPerSecond": n|null, "dir": s }`;

/**
 * The crash-test hook (test/cli/archive-crash.test.ts): with NEWSFLOW_ARCHIVE_TEST_PAUSE=<point> the first batch
 * stops at that point (torn-write, written, indexed; see PAUSE_POINTS), says so on stderr and waits to be killed.
 */
function pauseHook(env: NodeJS.ProcessEnv): ((point: PausePoint) => void) | undefined {
  const at = env.NEWSFLOW_ARCHIVE_TEST_PAUSE;
  if (!at) return undefined;
  if (!(PAUSE_POINTS as readonly string[]).includes(at)) throw new UsageError(`NEWSFLOW_ARCHIVE_TEST_PAUSE takes ${PAUSE_POINTS.join(', ')}; got "${at}"`);
  return (point) => {
    if (point !== at) return;
    // why synchronous: the test kills the process as soon as it reads this line, nothing may run in between
    writeSync(2, `archive: paused at ${point}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600_000);
    process.exit(99);
  };
}

function summary(r: ArchiveReport, dir: string): string {
  const rate = r.durationMs > 0 && !r.dryRun ? ` (${Math.round(((r.moved + r.alreadyArchived) * 1000) / r.durationMs)} records/s)` : '';
  const files = r.files.length
    ? `\n${table(
        ['day file', 'records'],
        r.files.map((f) => [`${f.day}.ndjson.gz`, f.records]),
      )}`
    : '\n';
  const head = r.dryRun
    ? `would archive ${r.moved} record(s) first stored before ${r.before} to ${dir}`
    : `archived ${r.moved} record(s) first stored before ${r.before} to ${dir}${rate}`;
  const extra = [
    r.alreadyArchived ? `${r.alreadyArchived} were already archived (an earlier run stopped before removing them): removed from Redis only` : '',
    r.fingerprintsForgotten ? `${r.fingerprintsForgotten} dedup fingerprint(s) expired with them` : '',
    r.heldBack ? `${r.heldBack} record(s) stored in the last 31 days and not deduplicated yet stay in Redis (archived once dedup ran)` : '',
    ...r.repaired.map(
      (x) =>
        `repaired ${x.day}: ${x.cutBytes ? `cut a torn ${x.cutBytes}-byte tail` : ''}` +
        (x.indexedIds ? `indexed ${x.indexedIds} record(s) written before a crash` : ''),
    ),
  ].filter(Boolean);
  return `${head}${files}${extra.map((l) => `${l}\n`).join('')}`;
}

export function registerArchive(program: Command, io: Io = processIo, env: NodeJS.ProcessEnv = process.env): void {
  program
    .command('archive')
    .description('move records older than the retention window (NEWSFLOW_RETAIN_DAYS, default 90) from Redis to gzipped NDJSON day files')
    .option('--before <date>', 'move records first stored before this date (default: the start of today, UTC, minus NEWSFLOW_RETAIN_DAYS)')
    .option('--dry-run', 'count what would move, per day file; change nothing')
    .option('--batch <n>', 'records per batch (one gzip member and fsync per day file and batch)', '500')
    .addHelpText(
      'after',
      `
Records go by the time they were first stored (idx:stored) to <NEWSFLOW_ARCHIVE_DIR>/<day stored, UTC>.ndjson.gz
(default .newsflow/archive/), one record per line in the \`newsflow export\` shape; <day>.ids beside each file
indexes it. A record leaves Redis (with its index entries and dedup fingerprint) only after its line is fsynced;
a run that dies is finished by the next one, which writes no record twice. The worker runs this daily on the
maintenance queue.

Examples:
  $ newsflow archive --dry-run
  $ newsflow archive
  $ NEWSFLOW_RETAIN_DAYS=30 newsflow archive --json
  $ newsflow archive --before 2026-01-01
  $ zcat .newsflow/archive/*.ndjson.gz | jq -r '.article.title'

${ARCHIVE_JSON}
`,
    )
    .action(async (opts: { before?: string; dryRun?: boolean; batch: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const before = parseDate('--before', opts.before);
      const batchSize = parseCount('--batch', opts.batch);
      const pause = pauseHook(env);
      const ctx = makeContext(io, global, env);
      const bar = progressBar('archive', errSink(io));
      const report = await withRedis(ctx, async (redis) => {
        try {
          return await recordedArchiveRun(redis, ctx.config, {
            trigger: 'manual',
            beforeMs: before === undefined ? undefined : Date.parse(before),
            dryRun: Boolean(opts.dryRun),
            batchSize,
            onProgress: (done, total) => bar.update(done, total, `${done} moved`),
            pause,
          });
        } finally {
          bar.stop();
        }
      });
      const recordsPerSecond =
        report.durationMs > 0 && !report.dryRun ? Math.round(((report.moved + report.alreadyArchived) * 1000) / report.durationMs) : null;
      if (global.json) return printJson(io, { ...report, recordsPerSecond, dir: ctx.config.archiveDir });
      io.out(summary(report, ctx.config.archiveDir));
    });
}
