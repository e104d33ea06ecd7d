/** `newsflow schedules`: each feed's job scheduler on the feeds queue and when it runs next. */
import type { Command } from 'commander';
import { makeContext, withQueues, type GlobalOptions } from '../context.js';
import { isoOf, relTime, shortDuration } from '../format.js';
import { printJson, processIo, table, truncate, type Io } from '../output.js';

/** The stable `schedules --json` shape of one scheduler. */
export interface ScheduleView {
  id: string;
  feedId: string | null;
  url: string | null;
  /** Interval in ms for `every` schedules, else null. */
  every: number | null;
  /** Cron pattern for cron schedules, else null. */
  pattern: string | null;
  tz: string | null;
  nextRunAt: string | null;
  iterations: number;
  endDate: string | null;
}

function dataField(data: unknown, k: string): string | null {
  if (data === null || typeof data !== 'object') return null;
  const v = (data as Record<string, unknown>)[k];
  return typeof v === 'string' ? v : null;
}

/** "in 5m", or "overdue 2m" when the poll is due but no worker has taken it. */
function nextLabel(ts: number, now: number): string {
  return ts >= now - 1000 ? relTime(ts, now) : `overdue ${shortDuration(now - ts)}`;
}

export function registerSchedules(program: Command, io: Io = processIo): void {
  program
    .command('schedules')
    .description("each feed's job scheduler (interval or cron) on the feeds queue, and its next run")
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow schedules',
        '  $ newsflow schedules --json',
        '',
        'A `newsflow worker` must run for schedules to fire ("overdue" means none took the due poll yet).',
        'JSON shape (--json): { "schedulers": [ { "id": s, "feedId": s|null, "url": s|null, "every": ms|null, "pattern": s|null,',
        '  "tz": s|null, "nextRunAt": iso|null, "iterations": n, "endDate": iso|null } ] }  (soonest first)',
        '',
      ].join('\n'),
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const ctx = makeContext(io, global);
      const raw = await withQueues(ctx, (queues) => queues.feeds.getJobSchedulers(0, -1, true));
      const schedulers: ScheduleView[] = raw
        .map((s) => ({
          id: s.id ?? s.key,
          feedId: dataField(s.template?.data, 'feedId'),
          url: dataField(s.template?.data, 'url'),
          every: s.every ? Number(s.every) : null,
          pattern: s.pattern ?? null,
          tz: s.tz ?? null,
          nextRunAt: isoOf(s.next),
          iterations: s.iterationCount ?? 0,
          endDate: isoOf(s.endDate),
        }))
        .sort((a, b) => (a.nextRunAt ?? '~').localeCompare(b.nextRunAt ?? '~'));
      if (global.json) return printJson(io, { schedulers });
      if (!schedulers.length) {
        io.out('no feed schedules yet: add feeds (newsflow feeds add <url>) or sync a feeds file (newsflow schedule sync --config feeds.yaml)\n');
        return;
      }
      const now = Date.now();
      io.out(
        table(
          ['scheduler', 'feed', 'every', 'next run', 'runs', 'url'],
          schedulers.map((s) => [
            truncate(s.id, 30),
            s.feedId ?? '—',
            s.every ? shortDuration(s.every) : `${s.pattern ?? '?'}${s.tz ? ` ${s.tz}` : ''}`,
            s.nextRunAt ? `${s.nextRunAt.slice(0, 19)}Z (${nextLabel(Date.parse(s.nextRunAt), now)})` : '—',
            s.iterations,
            truncate(s.url ?? '', 60),
          ]),
        ),
      );
    });
}
