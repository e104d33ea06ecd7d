/** `newsflow doctor`: find stored records that cannot be read back and index entries without a record; remove them. */
import type { Command } from 'commander';
import { checkStore, repairStore } from '../../store/store-check.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { printJson, processIo, table, truncate, type Io } from '../output.js';

const DOCTOR_HELP = `
Examples:
  $ newsflow doctor --dry-run         # list what is wrong, change nothing (exit 1 when something is)
  $ newsflow doctor                   # remove corrupt records and index entries without a record
  $ newsflow doctor --json

What is checked: every stored record is read back (a record holding garbage, or JSON that is not a record, is
"corrupt"), every article's previous versions are read back ("corrupt-revisions"), and every id in the time,
stored, feed, revised, updated and re-check indexes must have a record ("missing").
What is removed: the record, its previous versions, its entity memberships (index sets, rank counts) and its index
entries; for "corrupt-revisions" only the previous versions (the current one reads). A record a worker rewrote
since the check is kept. Stories keep listing a removed copy.
A removed article is fetched again when a feed lists it and its job is no longer kept (or: newsflow retry articles <id>).
Exit code: 0 when the store is sound or was repaired; 1 with --dry-run when something is wrong.
JSON shape (--json): { "records": n (read), "indexed": n (ids in the indexes), "dryRun": bool,
  "problems": [ { "id": s, "kind": "corrupt"|"missing"|"corrupt-revisions", "reason": s } ], "removed": [id] }
`;

export function registerDoctor(program: Command, io: Io = processIo): void {
  program
    .command('doctor')
    .description('find stored records that cannot be read back (and index entries without a record); remove them')
    .option('--dry-run', 'only list what is wrong')
    .addHelpText('after', DOCTOR_HELP)
    .action(async (opts: { dryRun?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const ctx = makeContext(io, global);
      const dryRun = Boolean(opts.dryRun);
      const { report, removed } = await withRedis(ctx, async (redis) => {
        const report = await checkStore(redis, ctx.config.prefix);
        return { report, removed: dryRun ? [] : await repairStore(redis, ctx.config.prefix, report.problems) };
      });
      const problems = report.problems.map(({ id, kind, reason }) => ({ id, kind, reason }));
      if (dryRun && problems.length) process.exitCode = 1;
      if (global.json) return printJson(io, { records: report.records, indexed: report.indexed, dryRun, problems, removed });
      io.out(`checked ${report.records} stored record(s) and ${report.indexed} indexed id(s)\n`);
      if (!problems.length) return void io.out('no problems found\n');
      const gone = new Set(removed);
      io.out(
        table(
          ['id', 'problem', 'action', 'reason'],
          problems.map((p) => [
            p.id,
            p.kind,
            dryRun ? 'none (--dry-run)' : gone.has(p.id) ? 'removed' : 'kept (changed since the check)',
            truncate(p.reason, 100),
          ]),
        ),
      );
      io.out(dryRun ? `${problems.length} problem(s); remove them with: newsflow doctor\n` : `removed ${removed.length} of ${problems.length}\n`);
    });
}
