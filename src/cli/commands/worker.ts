/** `newsflow worker`: long-running workers for the pipeline queues, with graceful shutdown. */
import type { Command } from 'commander';
import { ConfigError, UsageError } from '../../domain/errors.js';
import { MAINTENANCE_QUEUE, WORKER_QUEUE_NAMES, type QueueName } from '../../queues/names.js';
import { closeQueues, openQueues, type Queues } from '../../queues/queues.js';
import type { Redis } from 'ioredis';
import type { RunningWorkers } from '../../workers/run-workers.js';
import { ArticleStore } from '../../store/article-store.js';
import type { Logger } from '../../log.js';
import { watchConnection } from '../../store/connection-watch.js';
import { parseCount, parseSeconds } from '../args.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { processIo, type Io } from '../output.js';

/** The same bound as NEWSFLOW_CONCURRENCY (src/config.ts). */
const MAX_CONCURRENCY = 256;

export function registerWorker(program: Command, io: Io = processIo): void {
  program
    .command('worker')
    .description('run workers for the feeds, articles, dedup and maintenance queues until SIGTERM/SIGINT')
    .option('--queues <list>', 'comma-separated queues to work on (maintenance: the daily archive run)', WORKER_QUEUE_NAMES.join(','))
    .option('--concurrency <n>', `parallel article jobs, an integer from 1 to ${MAX_CONCURRENCY} (default NEWSFLOW_CONCURRENCY or 4)`)
    .option('--shutdown-timeout <s>', 'seconds in-flight jobs get to finish on SIGTERM (more than 0, at most 3600)', '30')
    .option('--metrics-port <port>', 'serve Prometheus metrics on /metrics and a health check on /healthz (e.g. 9464)')
    .option('--metrics-host <host>', 'address the metrics server listens on', '127.0.0.1')
    .addHelpText(
      'after',
      '\nExamples:\n  $ newsflow worker\n  $ newsflow worker --queues articles --concurrency 8\n  $ REDIS_URL=redis://127.0.0.1:6379 newsflow worker\n' +
        '  $ newsflow worker --metrics-port 9464        # then: curl -s 127.0.0.1:9464/metrics; curl -i 127.0.0.1:9464/healthz\n',
    )
    .action(async (opts: { queues: string; concurrency?: string; shutdownTimeout: string; metricsPort?: string; metricsHost: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const names = opts.queues
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = names.filter((n) => !(WORKER_QUEUE_NAMES as readonly string[]).includes(n));
      if (bad.length || !names.length) throw new UsageError(`--queues takes ${WORKER_QUEUE_NAMES.join(', ')}; got "${opts.queues}"`);
      // why before anything starts: a bad number is a usage error (exit 2), not a worker that dies after connecting
      const concurrency = opts.concurrency === undefined ? undefined : parseCount('--concurrency', opts.concurrency, 1, MAX_CONCURRENCY);
      const shutdownMs = parseSeconds('--shutdown-timeout', opts.shutdownTimeout, 3600) * 1000;
      const metricsPort = opts.metricsPort === undefined ? null : parseCount('--metrics-port', opts.metricsPort, 1, 65_535);
      const ctx = makeContext(io, global, process.env, 'info');
      if (concurrency !== undefined) ctx.config.articleConcurrency = concurrency;
      // why lazy: the pipeline (extractors, NLP model) takes seconds to load; read-only commands never need it
      const { startWorkers } = await import('../../workers/run-workers.js');
      const { startMaintenance } = await import('../../workers/maintenance-worker.js');
      await withRedis(ctx, async (redis, handle) => {
        const queues = openQueues(redis, ctx.config.prefix, { retryBaseMs: ctx.config.retryBaseMs });
        const store = new ArticleStore(redis, ctx.config.prefix);
        const pipeline = names.filter((n) => n !== MAINTENANCE_QUEUE) as QueueName[];
        const running = startWorkers({ redis, config: ctx.config, queues, store, log: ctx.log, now: () => new Date() }, { queues: pipeline });
        const maintenance = names.includes(MAINTENANCE_QUEUE) ? startMaintenance({ redis, config: ctx.config, log: ctx.log }) : null;
        const metrics =
          metricsPort === null
            ? null
            : await startMetricsServer(running, queues, redis, ctx.config.redisMaxMb, metricsPort, opts.metricsHost).catch(async (err: unknown) => {
                // why close both: a worker that cannot serve the metrics it was asked for must not run without them
                await Promise.all([running.close(1000), maintenance?.close()]);
                throw err;
              });
        ctx.log.info({ queues: names, redis: handle.embedded ? 'embedded' : 'external', ...(metrics ? { metrics: metrics.url } : {}) }, 'workers started');
        const reason = await new Promise<{ signal: NodeJS.Signals } | { lost: string }>((resolve) => {
          const unwatch = watchConnection({
            redis,
            url: handle.url,
            embeddedDir: handle.embedded ? ctx.config.dataDir : null,
            warn: (m) => ctx.log.warn(m),
            info: (m) => ctx.log.info(m),
            onLost: (lost) => {
              unwatch();
              resolve({ lost });
            },
          });
          onShutdownSignal(shutdownMs, ctx.log, (signal) => {
            unwatch();
            resolve({ signal });
          });
        });
        if ('lost' in reason) {
          ctx.log.error(reason.lost);
          process.exitCode = 1;
        } else ctx.log.info({ signal: reason.signal }, 'shutting down: finishing in-flight jobs');
        // why shorter when Redis is lost: in-flight jobs cannot be saved, and they return to the queue anyway
        const closeMs = 'lost' in reason ? Math.min(shutdownMs, 5000) : shutdownMs;
        await Promise.all([running.close(closeMs), maintenance && bounded(maintenance.close(), closeMs)]);
        await bounded(closeQueues(queues), 5000);
        metrics?.server.close();
        ctx.log.info('workers stopped');
      });
    });
}

/**
 * SIGTERM and SIGINT alike: the first starts the graceful shutdown, a second ends the process at once, and a
 * shutdown still running after its deadline (plus a margin for closing connections) ends it too, Redis or not.
 */
function onShutdownSignal(shutdownMs: number, log: Logger, start: (signal: NodeJS.Signals) => void): void {
  let first: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (first) {
      log.warn({ signal }, 'second signal: exiting now; in-flight jobs return to the queue when their locks expire');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    first = signal;
    setTimeout(() => {
      log.error(
        { deadlineMs: shutdownMs + 10_000 },
        'shutdown did not finish by its deadline: exiting; in-flight jobs return to the queue when their locks expire',
      );
      process.exit(1);
    }, shutdownMs + 10_000).unref();
    start(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Wait for `p`, but no longer than `ms` (closing a connection to a Redis that is gone may never settle). */
async function bounded(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => {}), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** The metrics server, loaded only when asked for (prom-client is not needed otherwise). */
async function startMetricsServer(running: RunningWorkers, queues: Queues, redis: Redis, redisMaxMb: number | null, port: number, host: string) {
  const { createMetrics, healthy, serveMetrics } = await import('../../workers/metrics.js');
  const registry = createMetrics({ running, queues, redis, redisMaxMb });
  try {
    const server = await serveMetrics(registry, () => healthy(redis, running.workers), port, host);
    return { server, url: `http://${host}:${port}/metrics` };
  } catch (err) {
    throw new ConfigError(`--metrics-port ${port}: cannot listen on ${host}:${port} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}
