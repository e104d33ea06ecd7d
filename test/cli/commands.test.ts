/**
 * The operator's CLI in-process against real Redis: the bundled fixtures are replayed once (through the
 * `replay` command itself), then every read command is checked in its --json shape and its table, and the
 * queue actions change what `queues` and `jobs` report.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { run } from '../../src/cli/main.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '../../src/url/canonical.js';
import { articleId } from '../../src/queues/job-ids.js';
import { bullPrefix } from '../../src/queues/names.js';
import { freePort } from '../helpers/pipeline.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { captureIo, cli, FIXTURES } from './harness.js';

const prefix = `${uniquePrefix('cli')}:`;
process.env.NEWSFLOW_PREFIX = prefix;
process.env.LOG_LEVEL = 'silent';

const redis = testRedis();
let url: string;
let port: number;
const tmp = join(tmpdir(), `newsflow-cli-${process.pid}`);
const seedId = () => articleId(canonicalizeUrl(`http://127.0.0.1:${port}/pages/daily-ledger/tiktok-oracle.html`)!);
const json = <T>(s: string): T => JSON.parse(s) as T;

beforeAll(async () => {
  url = testRedisUrl();
  port = await freePort();
  mkdirSync(tmp, { recursive: true });
  const r = await cli(url, 'replay', FIXTURES, '--port', String(port), '--timeout', '60', '--json');
  expect(r.code, r.err).toBe(0);
  expect(json<{ storedArticles: number }>(r.out).storedArticles).toBeGreaterThanOrEqual(10);
}, 90_000);

afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
  rmSync(tmp, { recursive: true, force: true });
});

describe('read commands', () => {
  it('queues: counts per state, throughput and workers per queue', async () => {
    const r = await cli(url, 'queues', '--json');
    expect(r.code).toBe(0);
    const q = json<
      Record<string, { completed: number; failed: number; paused: boolean; throughput: { source: string; completedLastHour: number }; workers: unknown[] }>
    >(r.out);
    expect(Object.keys(q)).toEqual(['feeds', 'articles', 'dedup', 'maintenance', 'redis']);
    expect(q.redis).toMatchObject({ limitBytes: null, limitSource: null, usedRatio: null, holdingBack: null });
    expect((q.redis as unknown as { usedBytes: number }).usedBytes).toBeGreaterThan(0);
    expect(q.articles!.failed).toBe(1);
    expect(q.articles!.completed).toBeGreaterThanOrEqual(10);
    expect(q.feeds!.paused).toBe(false);
    expect(['metrics', 'timestamps']).toContain(q.dedup!.throughput.source);
    // one batch job takes the replay's articles from the dedup inbox (a few when they came in more than a second apart)
    expect(q.dedup!.throughput.completedLastHour).toBeGreaterThanOrEqual(1);
    expect((q.dedup as { inbox?: number }).inbox).toBe(0);
    expect(q.feeds!.workers).toEqual([]);
    const t = await cli(url, 'queues');
    expect(t.out).toMatch(/^queue\s+waiting\s+active/mu);
    expect(t.out).toContain('no workers connected');
    expect(t.out).toContain('dedup inbox: 0 stored articles waiting for a batch job');
    expect(t.out).toMatch(/^redis memory: [\d.]+ MiB \(no maxmemory and no NEWSFLOW_REDIS_MAX_MB: no back-pressure\)$/mu);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for terminal escape sequences (ESC [)
    expect(t.out).not.toMatch(/\x1b\[/u);
  });

  it('jobs and job: the failed dead link with its reason, stack and data', async () => {
    const r = await cli(url, 'jobs', 'articles', '--state', 'failed', '--json');
    expect(r.code).toBe(0);
    const { jobs } = json<{ jobs: Array<{ id: string; state: string; failedReason: string; subject: string }> }>(r.out);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.failedReason).toMatch(/404/u);
    expect(jobs[0]!.subject).toMatch(/removed-story/u);
    const all = json<{ jobs: Array<{ state: string }> }>((await cli(url, 'jobs', 'articles', '--limit', '5', '--json')).out);
    expect(all.jobs.length).toBe(5);
    const one = await cli(url, 'job', 'articles', jobs[0]!.id, '--json');
    const d = json<{ state: string; data: { url: string }; stacktrace: string[]; attemptsMade: number; logs: string[] }>(one.out);
    expect(d.state).toBe('failed');
    expect(d.data.url).toMatch(/removed-story/u);
    expect(d.stacktrace.length).toBeGreaterThan(0);
    const text = await cli(url, 'job', 'articles', jobs[0]!.id);
    expect(text.out).toContain('Failure');
    expect(text.out).toContain(`newsflow retry articles ${jobs[0]!.id}`);
    const missing = await cli(url, 'job', 'articles', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no job "nope"');
  });

  it('results: filters by company, person, dates, feed and text', async () => {
    const oracle = json<{ total: number; matched: number; results: Array<{ companies: string[] }> }>(
      (await cli(url, 'results', '--company', 'oracle', '--json')).out,
    );
    expect(oracle.matched).toBeGreaterThanOrEqual(2);
    for (const r of oracle.results) expect(r.companies).toContain('Oracle');
    const trump = json<{ results: Array<{ people: string[] }> }>((await cli(url, 'results', '--person', 'Donald Trump', '--json')).out);
    expect(trump.results.length).toBeGreaterThanOrEqual(1);
    const window = json<{ results: Array<{ publishedAt: string }> }>(
      (await cli(url, 'results', '--since', '2020-09-13', '--until', '2020-09-15', '--json')).out,
    );
    for (const r of window.results) expect(Date.parse(r.publishedAt)).toBeGreaterThanOrEqual(Date.parse('2020-09-13'));
    for (const r of window.results) expect(Date.parse(r.publishedAt)).toBeLessThan(Date.parse('2020-09-15'));
    const feed = json<{ results: Array<{ feedId: string }> }>((await cli(url, 'results', '--feed', 'daily-ledger', '--text', 'tiktok', '--json')).out);
    expect(feed.results.length).toBeGreaterThanOrEqual(1);
    const none = await cli(url, 'results', '--company', 'oracle corporation');
    expect(none.out).toMatch(/company names like "oracle corporation": .*Oracle/u);
    expect((await cli(url, 'results', '--since', 'yesterday-ish')).code).toBe(2);
  });

  it('show: the article with its story and the syndicated copy', async () => {
    const r = await cli(url, 'show', seedId().slice(0, 10), '--json');
    expect(r.code).toBe(0);
    const rec = json<{ id: string; story: { id: string; copies: Array<{ articleId: string; relation: string }> } | null }>(r.out);
    expect(rec.id).toBe(seedId());
    expect(rec.story?.copies.length).toBeGreaterThanOrEqual(2);
    expect(rec.story?.copies[0]?.relation).toBe('original');
    const text = await cli(url, 'show', seedId());
    expect(text.out).toMatch(/story\s+s-[0-9a-f]+ \(\d copies/u);
    expect(text.out).toContain('Story copies');
    expect((await cli(url, 'show', 'ffffffffff')).code).toBe(1);
    const short = await cli(url, 'show', seedId().slice(0, 1));
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/is the start of \d+ article ids|at least 4 characters/u);
  });

  it("show: the record's warnings", async () => {
    const id = articleId(canonicalizeUrl(`http://127.0.0.1:${port}/pages/kestrel-bay-sentinel/drought-water-rules.html`)!);
    const text = await cli(url, 'show', id);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/warnings\s+ignored 1 unparsable JSON-LD block/u);
    // a record without warnings shows no such line
    expect((await cli(url, 'show', seedId())).out).not.toMatch(/^warnings/mu);
  });

  it('dupes: multi-copy stories, original first', async () => {
    const r = await cli(url, 'dupes', '--json');
    const { stories } = json<{ stories: Array<{ copies: Array<{ articleId: string; relation: string }> }> }>(r.out);
    expect(stories.length).toBeGreaterThanOrEqual(1);
    expect(stories.some((s) => s.copies.some((c) => c.articleId === seedId()))).toBe(true);
    for (const s of stories) expect(s.copies[0]!.relation).toBe('original');
    expect((await cli(url, 'dupes')).out).toContain('copies · original chosen by');
  });

  it('export: NDJSON to stdout, CSV to a file, filters apply', async () => {
    const total = json<{ total: number }>((await cli(url, 'results', '--json')).out).total;
    const nd = await cli(url, 'export', '--batch', '3');
    const lines = nd.out.trim().split('\n');
    expect(lines).toHaveLength(total);
    expect(json<{ id: string; article: { text: string } }>(lines[0]!).article.text.length).toBeGreaterThan(100);
    const file = join(tmp, 'out.csv');
    const r = await cli(url, 'export', '--out', file, '--company', 'Oracle', '--json');
    expect(r.code, r.err).toBe(0);
    const summary = json<{ format: string; written: number }>(r.out);
    expect(summary.format).toBe('csv');
    const csv = readFileSync(file, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^id,published_at,site,title,url,/u);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(summary.written + 1);
    expect((await cli(url, 'export', '--format', 'xml')).code).toBe(2);
  });

  it('doctor: the replayed store reads back whole (no false alarms on real records)', async () => {
    const total = json<{ total: number }>((await cli(url, 'results', '--json')).out).total;
    const r = await cli(url, 'doctor', '--dry-run', '--json');
    expect(r.code, r.out).toBe(0);
    expect(json(r.out)).toEqual({ records: total, indexed: total, dryRun: true, problems: [], removed: [] });
  });

  it('watch --once: one frame, NDJSON with --json', async () => {
    const r = await cli(url, 'watch', '--once', '--json');
    expect(r.code).toBe(0);
    const frame = json<{ at: string; queues: Record<string, unknown>; rates: Record<string, { pending: number }> }>(r.out.trim());
    expect(Object.keys(frame.queues)).toEqual(['feeds', 'articles', 'dedup']);
    expect(frame.rates.articles!.pending).toBe(0);
    const two = await cli(url, 'watch', '--count', '2', '--interval', '100ms');
    expect(two.out.match(/newsflow watch/gu)).toHaveLength(2);
  });

  it('schedules: each feed scheduler with its next run', async () => {
    expect(json<{ schedulers: unknown[] }>((await cli(url, 'schedules', '--json')).out).schedulers).toEqual([]);
    const q = new Queue('feeds', { connection: redis, prefix: bullPrefix(prefix) });
    await q.upsertJobScheduler(
      'feed:test-feed',
      { every: 3_600_000 },
      { name: 'poll', data: { feedId: 'test-feed', url: 'http://127.0.0.1:1/feed.xml', trigger: 'schedule' } },
    );
    await q.close();
    const { schedulers } = json<{ schedulers: Array<{ id: string; feedId: string; every: number; nextRunAt: string }> }>(
      (await cli(url, 'schedules', '--json')).out,
    );
    expect(schedulers).toEqual([expect.objectContaining({ id: 'feed:test-feed', feedId: 'test-feed', every: 3_600_000 })]);
    expect(Date.parse(schedulers[0]!.nextRunAt)).toBeGreaterThan(0);
    expect((await cli(url, 'schedules')).out).toContain('feed:test-feed');
  });
});

describe('throughput, workers and terminals', () => {
  it('uses BullMQ metrics when workers collect them, and lists connected workers', async () => {
    const p = `${uniquePrefix('climetrics')}:`;
    const q = new Queue('dedup', { connection: redis, prefix: bullPrefix(p) });
    const w = new Worker('dedup', async () => 'ok', { connection: testRedis(), prefix: bullPrefix(p), metrics: { maxDataPoints: 60 }, name: 'probe' });
    try {
      const done = new Promise<void>((resolveDone) => {
        let n = 0;
        w.on('completed', () => ++n === 3 && resolveDone());
      });
      await q.addBulk([1, 2, 3].map((i) => ({ name: 'dedup', data: { articleId: `${i}`.repeat(16) } })));
      await done;
      const io = captureIo();
      process.env.NEWSFLOW_PREFIX = p;
      const code = await run(['queues', '--json', '--redis-url', url], io).finally(() => (process.env.NEWSFLOW_PREFIX = prefix));
      expect(code).toBe(0);
      const d = json<{ dedup: { throughput: { source: string; completedLastHour: number; completedLastMinute: number }; workers: Array<{ name: string }> } }>(
        io.stdout.join(''),
      ).dedup;
      expect(d.throughput).toMatchObject({ source: 'metrics', completedLastHour: 3, completedLastMinute: 3 });
      expect(d.workers.map((x) => x.name)).toContain('probe');
    } finally {
      await w.close();
      await q.close();
      await dropPrefix(redis, p);
    }
  });

  it('on a terminal: a progress bar on stderr and colours, unless NO_COLOR', async () => {
    const file = join(tmp, 'tty.ndjson');
    const io = captureIo(true);
    expect(await run(['export', '--batch', '2', '--out', file, '--redis-url', url], io)).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for terminal escape sequences (ESC [)
    expect(io.stderr.join('')).toMatch(/\r\x1b\[Kexport \[/u);
    expect(io.stdout.join('')).toMatch(/^exported \d+ article\(s\) to /u);
    const onScreen = captureIo(true);
    expect(await run(['export', '--redis-url', url], onScreen)).toBe(0);
    expect(onScreen.stderr.join('')).not.toContain('\x1b[K'); // the records themselves are on the terminal
    const shown = captureIo(true);
    await run(['show', seedId(), '--redis-url', url], shown);
    expect(shown.stdout.join('')).toContain('\x1b[1m');
    process.env.NO_COLOR = '1';
    const plain = captureIo(true);
    await run(['show', seedId(), '--redis-url', url], plain).finally(() => delete process.env.NO_COLOR);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for terminal escape sequences (ESC [)
    expect(plain.stdout.join('')).not.toMatch(/\x1b\[/u);
  });
});

describe('queue actions', () => {
  it('pause and resume a queue', async () => {
    expect((await cli(url, 'pause', 'articles')).code).toBe(0);
    expect(json<{ articles: { paused: boolean } }>((await cli(url, 'queues', '--json')).out).articles.paused).toBe(true);
    expect((await cli(url, 'resume', 'all', '--json')).out).toContain('"paused": false');
    expect(json<{ articles: { paused: boolean } }>((await cli(url, 'queues', '--json')).out).articles.paused).toBe(false);
  });

  it('promote a delayed job, drain waiting ones (only with --yes), clean by age', async () => {
    const q = new Queue('dedup', { connection: redis, prefix: bullPrefix(prefix) });
    await q.add('dedup', { articleId: 'aaaaaaaaaaaaaaaa' }, { jobId: 'delayed-1', delay: 3_600_000 });
    await q.close();
    const delayed = json<{ jobs: Array<{ id: string; dueAt: string }> }>((await cli(url, 'jobs', 'dedup', '--state', 'delayed', '--json')).out);
    expect(delayed.jobs.map((j) => j.id)).toEqual(['delayed-1']);
    expect(json<{ count: number }>((await cli(url, 'promote', 'dedup', 'delayed-1', '--json')).out).count).toBe(1);
    expect(json<{ dedup: { waiting: number } }>((await cli(url, 'queues', '--json')).out).dedup.waiting).toBe(1);
    const refused = await cli(url, 'drain', 'dedup');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--yes');
    expect(json<{ removedWaiting: number }>((await cli(url, 'drain', 'dedup', '--yes', '--json')).out).removedWaiting).toBe(1);
    const kept = json<{ removed: number }>((await cli(url, 'clean', 'dedup', '--state', 'completed', '--older-than', '1h', '--json')).out);
    expect(kept.removed).toBe(0);
    const cleaned = json<{ removed: number }>((await cli(url, 'clean', 'dedup', '--state', 'completed', '--json')).out);
    expect(cleaned.removed).toBeGreaterThanOrEqual(1);
    expect(json<{ dedup: { completed: number } }>((await cli(url, 'queues', '--json')).out).dedup.completed).toBe(0);
  });

  it('retry and remove: named ids, --all, skipped ids exit 1', async () => {
    const failed = json<{ jobs: Array<{ id: string }> }>((await cli(url, 'jobs', 'articles', '--state', 'failed', '--json')).out).jobs;
    const id = failed[0]!.id;
    const wrong = await cli(url, 'promote', 'articles', id, '--json');
    expect(wrong.code).toBe(1);
    expect(json<{ skipped: Array<{ reason: string }> }>(wrong.out).skipped[0]!.reason).toMatch(/only delayed/u);
    expect(json<{ count: number }>((await cli(url, 'retry', 'articles', '--all', '--json')).out).count).toBe(1);
    expect(json<{ articles: { failed: number; waiting: number } }>((await cli(url, 'queues', '--json')).out).articles).toMatchObject({ failed: 0, waiting: 1 });
    const rm = await cli(url, 'remove', 'articles', id, 'no-such-job', '--json');
    expect(rm.code).toBe(1);
    expect(json<{ done: string[]; skipped: Array<{ id: string }> }>(rm.out)).toMatchObject({ done: [id], skipped: [{ id: 'no-such-job' }] });
    expect((await cli(url, 'retry', 'articles')).code).toBe(2);
  });
});

describe('usage and failures', () => {
  it.each([
    [['jobs', 'nope'], 2, /unknown queue "nope"/u],
    [['bogus-command'], 2, /unknown command/u],
    [['queues', '--bogus'], 2, /unknown option/u],
    [['clean', 'feeds', '--state', 'active'], 2, /unknown job state "active"/u],
    [['clean', 'feeds', '--state', 'completed', '--older-than', 'soon'], 2, /duration like 30s/u],
    [['jobs', 'feeds', '--limit', '0'], 2, /--limit must be an integer/u],
  ] as const)('%j exits %i', async (argv, code, message) => {
    const r = await cli(url, ...argv);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
  });

  it('an unreachable Redis exits 1 and says how to get one', async () => {
    const r = await cli('redis://127.0.0.1:1', 'queues');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot reach Redis.*REDIS_URL/su);
  });

  it('every command has --help with examples', async () => {
    const names = [
      'replay',
      'worker',
      'queues',
      'watch',
      'jobs',
      'job',
      'retry',
      'remove',
      'promote',
      'clean',
      'pause',
      'resume',
      'drain',
      'schedules',
      'results',
      'show',
      'dupes',
      'export',
      'doctor',
    ];
    for (const n of names) {
      const r = await cli(url, n, '--help');
      expect(r.code, n).toBe(0);
      expect(r.out, n).toMatch(/Examples[^\n]*:\n\s+\$ newsflow /u);
    }
  });
});
