/** `newsflow export`: stored articles as NDJSON or CSV, to stdout or a file, streamed in batches. */
import { extname } from 'node:path';
import type { Command } from 'commander';
import { UsageError, type CorruptRecordError } from '../../domain/errors.js';
import { ArticleStore } from '../../store/article-store.js';
import { parseCount } from '../args.js';
import { archivedMatchingBatches, corruptWarning, matchingBatches } from '../article-query.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { EXPORT_FORMATS, exportHeader, exportLine, type ExportFormat } from '../format-export.js';
import { errSink, printJson, processIo, type Io } from '../output.js';
import { fileWriter, stdoutWriter, type LineWriter } from '../output-stream.js';
import { progressBar } from '../progress.js';
import { FILTER_HELP, filterFrom, filterOptions } from './results.js';

function formatOf(opts: { format?: string; out?: string }): ExportFormat {
  const f = opts.format ?? (opts.out && extname(opts.out).toLowerCase() === '.csv' ? 'csv' : 'ndjson');
  if (!(EXPORT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format takes ${EXPORT_FORMATS.join(' or ')}, got "${f}"`);
  return f as ExportFormat;
}

export function registerExport(program: Command, io: Io = processIo): void {
  filterOptions(program.command('export').description('write stored articles (newest first) as NDJSON or CSV to stdout or a file'))
    .option('--format <fmt>', 'ndjson (the whole stored record per line) or csv (one flat row per article); default: from --out, else ndjson')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--with-text', 'CSV: add the body text column (NDJSON always has it)')
    .option('--batch <n>', 'records read from Redis per round trip', '200')
    .option('--include-archive', 'then the archived records matching the filters (NEWSFLOW_ARCHIVE_DIR), newest day file first')
    .addHelpText(
      'after',
      [
        '',
        `${FILTER_HELP}`,
        '',
        'Examples:',
        '  $ newsflow export > articles.ndjson',
        '  $ newsflow export --out articles.csv',
        '  $ newsflow export --format csv --company Oracle --with-text | head -3',
        '  $ newsflow export --since 2020-09-14 --out recent.ndjson --json',
        '  $ newsflow export --include-archive --company Oracle > oracle-all-time.ndjson',
        '',
        'A progress bar is drawn on stderr when it is a terminal. The CSV columns: id, published_at, site, title, url,',
        'canonical_url, authors, language, feed_id, story_id, companies, organizations, people, quotes, characters,',
        'fetched_at[, text]; lists are joined with "; ".',
        '--out writes a temporary file beside FILE and renames it over FILE at the end: a failed export leaves FILE as it was.',
        `With --include-archive, archived records follow the stored ones; --feed matches an archived record's own feed only`,
        '(the other feeds that listed it are not archived).',
        'A stored record that cannot be read back is skipped with a warning on stderr naming it (newsflow doctor removes it).',
        'JSON shape (--json, with --out only): { "format": "ndjson"|"csv", "out": s, "written": n, "skipped": n (corrupt records) }',
        '',
      ].join('\n'),
    )
    .action(async (opts: Record<string, string | undefined>, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const format = formatOf(opts);
      const filter = filterFrom(opts);
      const batchSize = parseCount('--batch', opts.batch ?? '200');
      if (global.json && !opts.out) throw new UsageError('--json prints a summary, so it needs --out <file> (the export itself is the output otherwise)');
      const withText = Boolean(opts.withText);
      const ctx = makeContext(io, global);
      let skipped = 0;
      const written = await withRedis(ctx, async (redis) => {
        const store = new ArticleStore(redis, ctx.config.prefix);
        const out: LineWriter = opts.out ? await fileWriter(opts.out) : stdoutWriter(io);
        // why not when the export itself goes to the terminal: the bar would be redrawn between the records
        const bar = progressBar('export', errSink(io), { enabled: Boolean(opts.out) || !io.isTTY });
        const onCorrupt = (err: CorruptRecordError) => {
          skipped++;
          io.err(corruptWarning(err));
        };
        let n = 0;
        let done = false;
        try {
          await out.write(exportHeader(format, withText));
          for await (const batch of matchingBatches(redis, store, filter, {
            batchSize,
            onCorrupt,
            onScan: (scanned, total) => bar.update(scanned, total, `${n} written`),
          })) {
            for (const r of batch) await out.write(exportLine(format, r, withText));
            n += batch.length;
            if (out.closed) break;
          }
          if (opts.includeArchive && !out.closed) {
            for await (const batch of archivedMatchingBatches(redis, store, ctx.config.archiveDir, filter, batchSize)) {
              for (const r of batch) await out.write(exportLine(format, r, withText));
              n += batch.length;
              bar.update(n, null, `${n} written (archive)`);
              if (out.closed) break;
            }
          }
          done = true;
        } finally {
          bar.stop();
          // why: --out goes to a temporary file renamed over FILE only now; a failed export leaves FILE as it was
          await (done ? out.end() : out.abort());
        }
        return n;
      });
      if (global.json) return printJson(io, { format, out: opts.out, written, skipped });
      const note = skipped ? `; skipped ${skipped} corrupt record(s), see the warnings above` : '';
      if (opts.out) io.out(`exported ${written} article(s) to ${opts.out} (${format})${note}\n`);
      else if (io.errIsTTY || skipped) io.err(`exported ${written} article(s) (${format})${note}\n`);
    });
}
