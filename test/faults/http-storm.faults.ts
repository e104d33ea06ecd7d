/**
 * A fixture server that resets connections, never answers, or answers 503 to every page: article jobs retry
 * (in-process retries with backoff, then BullMQ attempts with exponential backoff), then fail with a recorded
 * reason that the CLI shows (`jobs --state failed`, `job <id>`, `queues`); once the server heals,
 * `newsflow retry articles --all` gets every one of them stored, exactly once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { JOB_DEFAULTS, closeQueues, openQueues } from '../../src/queues/queues.js';
import { DEFAULT_RETRY } from '../../src/fetch/retry.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { cleanAudit, settledAudit, faultServer, generatedUrls, idsOf, runCli, spawnWorker, waitFor, workerEnv } from './_harness.js';

const MODES = ['reset', 'timeout', '503'] as const;
/** RELIABILITY.md reports these. */
const STORM_COUNTS = { articles: 6, modes: MODES.length };

const redis = testRedis();
const prefix = `${uniquePrefix('storm')}:`;
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const REASONS: Record<(typeof MODES)[number], RegExp> = {
  reset: /ECONNRESET|socket hang up|cut off/u,
  timeout: /did not answer within 800 ms/u,
  '503': /answered HTTP 503/u,
};

describe('connection resets, timeouts and 5xx storms', () => {
  it('jobs retry with backoff, fail with a reason shown by the CLI, and `retry --all` after healing stores them once', async () => {
    let healed = false;
    const server = await faultServer({
      intercept: (path, req, res) => {
        if (healed || !path.startsWith('/pages/')) return false;
        const mode = MODES[Number(new URL(req.url ?? '/', 'http://x').searchParams.get('storm')) % MODES.length];
        if (mode === 'reset') req.socket.destroy();
        else if (mode === '503') res.writeHead(503, { 'content-type': 'text/plain' }).end('overloaded');
        // 'timeout': never answer (the server closes the socket when the test ends)
        return true;
      },
    });
    const urls = generatedUrls(server.base, STORM_COUNTS.articles, 'storm');
    server.feeds.set('storm', urls);
    const ids = idsOf(urls);
    const env = workerEnv(prefix, server.port, { NEWSFLOW_CONCURRENCY: String(STORM_COUNTS.articles), NEWSFLOW_FETCH_TIMEOUT_MS: '800' });
    const cli = { ...env, REDIS_URL: testRedisUrl() };
    const queues = openQueues(redis, prefix);

    const worker = spawnWorker(testRedisUrl(), env);
    await queues.feeds.add('poll', { feedId: 'gen-storm', url: `${server.base}/gen/storm.rss.xml`, trigger: 'manual' });
    const allFailed = await waitFor(async () => (await queues.articles.getFailedCount()) === STORM_COUNTS.articles, 120_000);
    expect(allFailed, worker.log().slice(-3000)).toBe(true);

    // every page was tried attempts × in-process tries times: the retries happened
    const attempts = JOB_DEFAULTS.articles.attempts!;
    for (const u of urls) expect(server.hits.get(new URL(u).pathname)).toBe(attempts * DEFAULT_RETRY.attempts);
    // BullMQ spaced the attempts out (exponential backoff from NEWSFLOW_RETRY_BASE_MS = 200)
    for (const job of await queues.articles.getFailed()) {
      expect(job.attemptsMade).toBe(attempts);
      expect(job.finishedOn! - job.processedOn!).toBeGreaterThanOrEqual(0);
      expect(job.finishedOn! - job.timestamp).toBeGreaterThan(200 * (1 + 2 + 4 + 8) * 0.5);
    }

    // the reason is visible in the CLI: jobs --state failed --json, job <id> --json, queues --json
    // why together: each CLI process takes seconds to start on a loaded machine
    const [listed, one, overview, table] = await Promise.all([
      runCli(['jobs', 'articles', '--state', 'failed', '--json'], cli),
      runCli(['job', 'articles', ids[0]!, '--json'], cli),
      runCli(['queues', '--json'], cli),
      runCli(['jobs', 'articles', '--state', 'failed'], cli),
    ]);
    expect(listed.code, listed.stderr).toBe(0);
    const jobs = (JSON.parse(listed.stdout) as { jobs: Array<{ id: string; failedReason: string | null; attemptsMade: number; subject: string | null }> }).jobs;
    expect(jobs.map((j) => j.id).sort()).toEqual([...ids].sort());
    for (const j of jobs) {
      const mode = MODES[Number(/storm=(\d+)/u.exec(urls[ids.indexOf(j.id)]!)![1]) % MODES.length]!;
      expect(j.failedReason, `${mode}: ${j.failedReason}`).toMatch(REASONS[mode]);
    }
    expect(one.code, one.stderr).toBe(0);
    expect((JSON.parse(one.stdout) as { failedReason: string }).failedReason).toMatch(REASONS.reset);
    expect((JSON.parse(overview.stdout) as { articles: { failed: number } }).articles.failed).toBe(STORM_COUNTS.articles);
    expect(table.stdout).toMatch(/failed/u);

    // heal, retry from the CLI: every article stored once, with a story, nothing failed or pending
    healed = true;
    const retried = await runCli(['retry', 'articles', '--all', '--json'], cli);
    expect(retried.code, retried.stderr).toBe(0);
    expect((JSON.parse(retried.stdout) as { count: number }).count).toBe(STORM_COUNTS.articles);
    const { settled: done, result } = await settledAudit(redis, prefix, queues, ids, 60_000);
    expect(done, worker.log().slice(-3000)).toBe(true);
    expect(result).toEqual(cleanAudit(STORM_COUNTS.articles));

    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    console.log(
      `storm: ${STORM_COUNTS.articles} articles × ${attempts} attempts × ${DEFAULT_RETRY.attempts} tries failed with reasons ` +
        `${[...new Set(jobs.map((j) => (j.failedReason ?? '').replace(/https?:\/\/\S+/gu, '<url>')))].join(' | ')}; after retry --all ` +
        `${result.stored}/${STORM_COUNTS.articles} stored`,
    );
    await closeQueues(queues);
    await server.close();
  }, 200_000);
});
