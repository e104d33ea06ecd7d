/**
 * `newsflow schedule sync [--config feeds.yaml] [--watch]`: make the feeds queue's job schedulers match the
 * feeds config (stale ones removed, safe with several processes at once). With --watch it keeps them in step
 * until SIGTERM/SIGINT (the docker-compose `scheduler` service).
 */
import type { Command } from 'commander';
import type { Redis } from 'ioredis';
import { ConfigError, UsageError } from '../../domain/errors.js';
import type { Queues } from '../../queues/queues.js';
import { parseDuration } from '../../schedule/feeds-config.js';
import { loadFeedsFile } from '../../schedule/feeds-file.js';
import { syncSchedulers, type SyncReport } from '../../schedule/sync.js';
import { watchAndSync } from '../../schedule/watch.js';
import { makeContext, withQueues, type CommandContext, type GlobalOptions } from '../context.js';
import { printJson, processIo, type Io } from '../output.js';

export const DEFAULT_FEEDS_FILE = 'feeds.yaml';

/** Sync `path`, read under the sync lock (see syncSchedulers); used by `schedule sync` and by `feeds add|remove`. */
export async function syncFromFile(ctx: CommandContext, queues: Queues, redis: Redis, path: string): Promise<SyncReport> {
  return syncSchedulers(queues.feeds, redis, ctx.config.prefix, async () => (await loadFeedsFile(path)).feeds);
}

export function describeReport(r: SyncReport): string {
  const part = (label: string, ids: string[]) => (ids.length ? `${label} ${ids.length} (${ids.join(', ')})` : `${label} 0`);
  const failed = r.failed.length ? `; FAILED ${r.failed.length}: ${r.failed.map((f) => `${f.id} (${f.error})`).join(', ')}` : '';
  return `${part('added', r.added)}, ${part('updated', r.updated)}, ${part('removed', r.removed)}, unchanged ${r.unchanged.length}${failed}`;
}

function durationOption(value: string, name: string): number {
  const ms = parseDuration(value);
  // why at most a day: the value becomes a timer, and timers past 2^31-1 ms fire at once
  if (ms === null || ms < 1000 || ms > 86_400_000) throw new UsageError(`${name} takes a duration from 1s to 1d like 30s, 5m, 1h; got "${value}"`);
  return ms;
}

export function registerSchedule(program: Command, io: Io = processIo): void {
  const schedule = program
    .command('schedule')
    .description('keep BullMQ job schedulers in step with the feeds config file')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow schedule sync',
        '  $ newsflow schedule sync --config feeds.yaml --watch',
        '  $ newsflow schedules          # each scheduler and its next run',
        '',
      ].join('\n'),
    );
  schedule
    .command('sync')
    .description('create, update and remove feed schedulers to match the config (stale ones removed)')
    .option('--config <path>', 'feeds config file (YAML or JSON)', DEFAULT_FEEDS_FILE)
    .option('--watch', 're-sync when the file changes and periodically, until SIGTERM/SIGINT')
    .option('--resync <duration>', 'with --watch: full re-sync period', '5m')
    .option('--poll <duration>', 'with --watch: how often the file is checked for changes', '2s')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow schedule sync --config feeds.yaml',
        '  $ newsflow schedule sync --config /app/feeds.yaml --watch',
        '',
        'Several processes may sync at once: they take turns under a Redis lock, and scheduler ids are',
        '`feed:<feedId>`, so each feed has exactly one scheduler. A `newsflow worker` must run for polls to happen.',
        'JSON shape (--json, without --watch): { "added": [id], "updated": [id], "unchanged": [id], "removed": [id],',
        '  "failed": [ { "id": s, "error": s } ] }  (exit code 1 when a feed failed)',
        '',
      ].join('\n'),
    )
    .action(async (opts: { config: string; watch?: boolean; resync: string; poll: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const resyncMs = durationOption(opts.resync, '--resync');
      const pollMs = durationOption(opts.poll, '--poll');
      const ctx = makeContext(io, global, process.env, opts.watch ? 'info' : 'warn');
      await loadFeedsFile(opts.config); // a bad config fails before Redis is touched, with its line number
      await withQueues(ctx, async (queues, redis) => {
        if (!opts.watch) {
          const report = await syncFromFile(ctx, queues, redis, opts.config);
          if (global.json) printJson(io, report);
          else io.out(`${opts.config}: ${describeReport(report)}\n`);
          if (report.failed.length)
            throw new ConfigError(`${report.failed.length} feed(s) could not be scheduled: ${report.failed.map((f) => f.id).join(', ')}`);
          return;
        }
        const stop = new AbortController();
        const onSignal = (signal: string) => {
          ctx.log.info({ signal }, 'scheduler stopping');
          stop.abort();
        };
        process.once('SIGTERM', () => onSignal('SIGTERM'));
        process.once('SIGINT', () => onSignal('SIGINT'));
        await watchAndSync({
          path: opts.config,
          load: loadFeedsFile,
          // why read again under the lock: `config` may predate a `feeds add` that synced since (see syncSchedulers)
          sync: () => syncFromFile(ctx, queues, redis, opts.config),
          resyncMs,
          pollMs,
          signal: stop.signal,
          onReport: (r, why) => {
            const changed = r.added.length + r.updated.length + r.removed.length + r.failed.length > 0;
            if (r.failed.length) ctx.log.error({ why, failed: r.failed }, `some feeds could not be scheduled: ${describeReport(r)}`);
            else if (changed || why !== 'periodic') ctx.log.info({ why, ...r }, `schedules synced: ${describeReport(r)}`);
          },
          onError: (err) => ctx.log.error({ err: (err as Error).message }, 'sync failed: keeping the current schedules'),
        });
      });
    });
}
