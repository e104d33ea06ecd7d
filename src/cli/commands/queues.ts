/** `newsflow queues`: counts per state, throughput and connected workers for each pipeline queue. */
import type { Command } from 'commander';
import { makeContext, withQueues, type GlobalOptions } from '../context.js';
import { printJson, processIo, type Io } from '../output.js';
import { archiveText, maintenanceOverview } from '../maintenance-overview.js';
import { overviewTable, queueOverview, workersText } from '../queue-overview.js';
import { memoryStatus, memoryText } from '../memory-status.js';

export { JOB_STATES } from '../queue-overview.js';

export const QUEUES_JSON_SHAPE = `JSON shape (--json):
  { "<queue>": { "waiting": n, "active": n, "delayed": n, "prioritized": n, "completed": n, "failed": n,
                 "paused": bool,
                 "throughput": { "source": "metrics" | "timestamps", "completedLastMinute": n, "failedLastMinute": n,
                                 "completedLastHour": n, "failedLastHour": n },
                 "workers": [ { "name": s, "addr": s, "ageSeconds": n, "idleSeconds": n } ] } }
  for each queue feeds, articles, dedup, maintenance; dedup also has "inbox": n, the stored articles waiting for a batch job;
  maintenance (the daily archive run) also has "archive": { "lastRun": null | { "trigger": "schedule"|"manual",
    "startedAt": s, "finishedAt": s, "before": s, "moved": n, "alreadyArchived": n, "files": [s], "error": s|null },
    "nextRunAt": s|null, "retainDays": n, "dir": s }.
  Beside the queues, "redis": { "usedBytes": n, "limitBytes": n | null, "limitSource": "maxmemory" |
  "NEWSFLOW_REDIS_MAX_MB" | null, "usedRatio": n | null, "holdingBack": null | { "since": iso, "usedBytes": n,
  "limitBytes": n, "by": "host:pid" } }: Redis memory and whether workers hold back article jobs (above 90%).
  Last-minute figures come from the finish times of the completed/failed jobs BullMQ keeps; last-hour figures from
  BullMQ metrics when the workers collect them ("source": "metrics"), else from those finish times too (a lower bound
  once retention removed jobs).`;

export function registerQueues(program: Command, io: Io = processIo): void {
  program
    .command('queues')
    .description('job counts per state, throughput and connected workers for the feeds, articles, dedup and maintenance queues, and the last archive run')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow queues',
        '  $ newsflow queues --json',
        '  $ newsflow watch            # the same, refreshed every second',
        '',
        `${QUEUES_JSON_SHAPE}`,
        '',
      ].join('\n'),
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const ctx = makeContext(io, global);
      const [overview, maintenance, memory] = await withQueues(ctx, (queues, redis) =>
        Promise.all([
          queueOverview(queues, redis, ctx.config.prefix),
          maintenanceOverview(redis, ctx.config),
          memoryStatus(redis, ctx.config.prefix, ctx.config.redisMaxMb),
        ]),
      );
      if (global.json) return printJson(io, { ...overview, maintenance, redis: memory });
      const { archive, ...maintenanceQueue } = maintenance;
      io.out(overviewTable(overview, { maintenance: maintenanceQueue }));
      io.out(archiveText(archive));
      io.out(memoryText(memory));
      io.out(`\n${workersText(overview, { maintenance: maintenanceQueue })}`);
      const failed = Object.entries(overview).filter(([, q]) => q.failed > 0);
      if (failed.length) io.out(`\nfailed jobs: newsflow jobs ${failed[0]![0]} --state failed   (retry: newsflow retry <queue> --all)\n`);
    });
}
