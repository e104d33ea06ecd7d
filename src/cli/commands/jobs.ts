/** `newsflow jobs <queue>` and `newsflow job <queue> <id>`: list jobs, and inspect one. */
import type { Job } from 'bullmq';
import type { Command } from 'commander';
import { NotFoundError } from '../../domain/errors.js';
import { LISTABLE_STATES, parseCount, parseQueue, parseState, type ListableState } from '../args.js';
import { makeContext, withQueues, type GlobalOptions } from '../context.js';
import { relTime } from '../format.js';
import { jobDetail, jobSummary, lastActivity, type JobDetail } from '../job-view.js';
import { colors, printJson, processIo, table, truncate, type Io } from '../output.js';

const JOBS_JSON = `JSON shape (--json):
  { "queue": s, "state": s, "jobs": [ { "id": s, "name": s, "state": s, "subject": s|null, "attemptsMade": n,
    "maxAttempts": n, "createdAt": iso|null, "processedAt": iso|null, "finishedAt": iso|null, "dueAt": iso|null,
    "failedReason": s|null } ] }   (newest activity first)`;

const JOB_JSON = `JSON shape (--json): every field of a \`jobs --json\` entry, plus
  { "queue": s, "data": {…}, "opts": {…}, "progress": …, "returnValue": …|null, "stacktrace": [s],
    "logs": [s], "processedBy": s|null, "schedulerId": s|null }`;

export function registerJobs(program: Command, io: Io = processIo): void {
  program
    .command('jobs')
    .description('list the jobs of a queue, newest activity first')
    .argument('<queue>', 'feeds | articles | dedup')
    .option('--state <state>', `${LISTABLE_STATES.join(' | ')} | all`, 'all')
    .option('--limit <n>', 'at most this many', '20')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow jobs articles',
        '  $ newsflow jobs articles --state failed',
        '  $ newsflow jobs feeds --state completed --limit 5 --json',
        '',
        `${JOBS_JSON}`,
        '',
      ].join('\n'),
    )
    .action(async (queueArg: string, opts: { state: string; limit: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const queue = parseQueue(queueArg);
      const states: ListableState[] = opts.state === 'all' ? [...LISTABLE_STATES] : [parseState(opts.state)];
      const limit = parseCount('--limit', opts.limit);
      const ctx = makeContext(io, global);
      const jobs = await withQueues(ctx, async (queues) => {
        const q = queues[queue];
        const found: Array<{ job: Job; state: ListableState }> = [];
        for (const state of states) {
          for (const job of await q.getJobs(state, 0, limit - 1)) if (job) found.push({ job, state });
        }
        return found
          .sort((a, b) => lastActivity(b.job) - lastActivity(a.job))
          .slice(0, limit)
          .map((f) => jobSummary(f.job, f.state));
      });
      if (global.json) return printJson(io, { queue, state: opts.state, jobs });
      if (!jobs.length) {
        io.out(`no ${opts.state === 'all' ? '' : `${opts.state} `}jobs in ${queue} (completed jobs are kept 1–7 days; see newsflow queues)\n`);
        return;
      }
      const now = Date.now();
      const c = colors(io);
      const paint = (s: string) => (s === 'failed' ? c.red(s) : s === 'active' ? c.green(s) : s);
      io.out(
        table(
          ['id', 'state', 'tries', 'last change', 'subject', 'reason'],
          jobs.map((j) => [
            j.id,
            paint(j.state),
            `${j.attemptsMade}/${j.maxAttempts}`,
            j.dueAt ? `due ${relTime(Date.parse(j.dueAt), now)}` : relTime(Date.parse(j.finishedAt ?? j.processedAt ?? j.createdAt ?? ''), now),
            truncate(j.subject ?? '', 60),
            truncate(j.failedReason ?? '', 50),
          ]),
        ),
      );
      io.out(`details: newsflow job ${queue} <id>\n`);
    });

  program
    .command('job')
    .description('one job: state, data, attempts, failure reason and stack, logs, result')
    .argument('<queue>', 'feeds | articles | dedup')
    .argument('<id>', 'job id (as `newsflow jobs` prints it)')
    .addHelpText(
      'after',
      [
        '',
        `Examples (the dead fixture link that \`npm start\` leaves failed):`,
        '  $ newsflow jobs articles --state failed              # find an id',
        '  $ newsflow job articles c9ee5cac5bc2005ac563',
        '  $ newsflow job articles c9ee5cac5bc2005ac563 --json',
        '',
        `${JOB_JSON}`,
        '',
      ].join('\n'),
    )
    .action(async (queueArg: string, id: string, _opts: unknown, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const queue = parseQueue(queueArg);
      const ctx = makeContext(io, global);
      const detail = await withQueues(ctx, async (queues) => {
        const q = queues[queue];
        const job = await q.getJob(id);
        if (!job) return null;
        const [state, logs] = await Promise.all([job.getState(), q.getJobLogs(id, 0, 99, true)]);
        return jobDetail(queue, job, state, logs.logs);
      });
      if (!detail) throw new NotFoundError(`no job "${id}" in queue ${queue} (it may have been removed by retention; list jobs with: newsflow jobs ${queue})`);
      if (global.json) return printJson(io, detail);
      renderJob(io, detail);
    });
}

function renderJob(io: Io, j: JobDetail): void {
  const c = colors(io);
  const kv = (k: string, v: string | null) => io.out(`${c.dim(k.padEnd(12))} ${v ?? '—'}\n`);
  io.out(`${c.bold(`${j.queue} job ${j.id}`)} (${j.name})\n`);
  kv('state', j.state === 'failed' ? c.red(j.state) : j.state);
  kv('subject', j.subject);
  kv('attempts', `${j.attemptsMade} of ${j.maxAttempts}`);
  kv('created', j.createdAt);
  kv('processed', j.processedAt);
  kv('finished', j.finishedAt);
  if (j.dueAt) kv('due', j.dueAt);
  if (j.processedBy) kv('worker', j.processedBy);
  if (j.schedulerId) kv('scheduler', j.schedulerId);
  io.out(`\n${c.bold('Data')}\n${indent(JSON.stringify(j.data, null, 2))}\n`);
  if (j.failedReason) io.out(`\n${c.bold('Failure')}\n  ${c.red(j.failedReason)}\n`);
  if (j.stacktrace.length) io.out(`\n${c.bold('Stack')} (last attempt)\n${indent(j.stacktrace[j.stacktrace.length - 1] ?? '')}\n`);
  if (j.logs.length) io.out(`\n${c.bold('Logs')}\n${j.logs.map((l) => `  ${l}`).join('\n')}\n`);
  if (j.returnValue !== null) io.out(`\n${c.bold('Result')}\n${indent(JSON.stringify(j.returnValue, null, 2))}\n`);
  if (j.state === 'failed') io.out(`\nretry it: newsflow retry ${j.queue} ${j.id}\n`);
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
