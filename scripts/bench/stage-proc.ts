/**
 * The stage profile (forked by scripts/bench.ts): the same code the workers run, called one stage at a time
 * over every page, one page after another, so each stage's CPU (this thread) and Redis CPU are measured
 * apart. env: REDIS_URL, NEWSFLOW_PREFIX, NEWSFLOW_ALLOW_HOSTS, BENCH_URLS (JSON array).
 */
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import type { ArticleRecord } from '../../src/domain/types.js';
import { fetchOptionsFrom, PoliteFetcher, politenessFor } from '../../src/fetch/polite-fetch.js';
import type { FetchResult } from '../../src/fetch/http.js';
import { silentLogger } from '../../src/log.js';
import { articleId } from '../../src/queues/job-ids.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { deletePrefix } from '../../src/store/delete-prefix.js';
import { redisOptions } from '../../src/store/connection.js';
import { DedupInbox } from '../../src/store/dedup-inbox.js';
import { dedupJobData, processDedupBatch } from '../../src/workers/dedup-worker.js';
import { runExtraction, threadCpuMs, type ExtractOutput, type StageTimes } from '../../src/workers/extract-task.js';
import { redisCpuMs } from './redis.js';

/** CPU ms summed over all pages, per stage: this thread's and Redis's. */
export interface StageProfile {
  type: 'profile';
  pages: number;
  articles: number;
  cpuMs: Record<string, number>;
  redisMs: Record<string, number>;
  /** Records in the store at the end: each article saved again under BENCH_REPLICATE new ids (entities recur). */
  stored: number;
  /** Store and dedup: CPU + Redis ms per article of each measured pass (the figures above are the median pass's). */
  passes: Record<string, number[]>;
  /** Bytes: page HTML, body text (UTF-8), stored record JSON — sums over stored articles. */
  bytes: { html: number; text: number; record: number };
}

const config = loadConfig(process.env);
const urls = JSON.parse(process.env.BENCH_URLS ?? '[]') as string[];
const redis = new Redis(config.redisUrl!, redisOptions());
const probe = new Redis(config.redisUrl!, redisOptions());
const queues = openQueues(redis, config.prefix);
const store = new ArticleStore(redis, config.prefix);
const deps = { redis, config, queues, store, log: silentLogger(), now: () => new Date() };
const profile: StageProfile = {
  type: 'profile',
  pages: urls.length,
  articles: 0,
  stored: 0,
  cpuMs: {},
  redisMs: {},
  passes: {},
  bytes: { html: 0, text: 0, record: 0 },
};

/** Run `fn` for every item, adding this thread's CPU and Redis's CPU to `stage`. */
async function stage<T, R>(name: string, items: T[], fn: (x: T) => Promise<R> | R): Promise<R[]> {
  const r0 = await redisCpuMs(probe);
  const c0 = threadCpuMs();
  const out: R[] = [];
  for (const x of items) out.push(await fn(x));
  profile.cpuMs[name] = (profile.cpuMs[name] ?? 0) + threadCpuMs() - c0;
  profile.redisMs[name] = (profile.redisMs[name] ?? 0) + (await redisCpuMs(probe)) - r0;
  return out;
}

let batches = 0;
/** Run dedup batch jobs' processor until the inbox is empty (as the workers' batch jobs do). */
async function dedupInbox(d: typeof deps): Promise<void> {
  const inbox = new DedupInbox(redis, d.config.prefix);
  while ((await inbox.length()) > 0) await processDedupBatch({ id: `profile-${batches++}`, name: 'batch', data: { kind: 'batch' } } as unknown as Job, d);
}

const fetcher = new PoliteFetcher({ redis, prefix: config.prefix, http: fetchOptionsFrom(config), politeness: politenessFor(config) });
// warm-up: robots.txt cached, JIT and lexicons loaded, so the profile is steady state
const first = await fetcher.get(urls[0]!, { robots: true });
runExtraction({ body: first.body, url: first.url, contentType: first.contentType, feedTitle: null, feedPublishedAt: null });

const fetched = await stage('fetch', urls, (u) => fetcher.get(u, { accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5', robots: true }));
const inputs = fetched.map((res: FetchResult) => ({ body: res.body, url: res.url, contentType: res.contentType, feedTitle: null, feedPublishedAt: null }));
// why a full pass first: after one page most of the extractors' code is still unoptimized; a worker extracts page
// after page, so the profile times the second pass
for (const input of inputs) runExtraction(input);
const outs = inputs.map((input) => runExtraction(input));
const sums: StageTimes = { article: 0, nlp: 0, entities: 0, dates: 0, quotes: 0 };
for (const o of outs) for (const k of Object.keys(sums) as Array<keyof StageTimes>) sums[k] += o.times[k];
for (const [k, v] of Object.entries(sums)) profile.cpuMs[k] = v;
await stage('pool transfer', [...inputs.entries()], ([i, input]) => {
  structuredClone(input);
  structuredClone(outs[i]);
});
const records: ArticleRecord[] = [];
outs.forEach((o: ExtractOutput, i) => {
  profile.bytes.html += fetched[i]!.body.length;
  if (!o.entities) return;
  const now = new Date().toISOString();
  records.push({
    id: articleId(urls[i]!),
    url: fetched[i]!.url,
    sourceUrl: urls[i]!,
    feedId: 'f0',
    feedUrl: null,
    fetchedAt: now,
    storedAt: now,
    article: o.article,
    entities: o.entities,
    storyId: null,
  });
});
profile.articles = records.length;
for (const r of records) {
  profile.bytes.text += Buffer.byteLength(r.article.text);
  profile.bytes.record += Buffer.byteLength(JSON.stringify(r));
}
// warm-up of the save and dedup paths (JIT, script cache) on a scratch prefix, deleted after: as for extraction above,
// the store and dedup stages are measured in steady state, as a worker runs them after its first articles
const warmPrefix = `${config.prefix}:warm`;
const warmDeps = { ...deps, config: { ...config, prefix: warmPrefix }, store: new ArticleStore(redis, warmPrefix) };
// why three passes: a save's worker CPU keeps falling over its first few hundred calls
for (let pass = 0; pass < 3; pass++) {
  for (const r of records) {
    const copy = { ...r, id: articleId(`${r.sourceUrl}?warm=${pass}`) };
    await warmDeps.store.save(copy, { dedupEntry: JSON.stringify(dedupJobData(copy)) });
  }
  await dedupInbox(warmDeps);
}
await deletePrefix(redis, warmPrefix);
// why the fingerprint in the dedup stage: the article worker computes the inbox entry (dedupJobData) on the same
// thread as the save, but it is dedup's work
// why three passes and the median: one pass over the corpus is too short for a steady store figure; each pass writes
// into an empty store (every entity new, as in the pipeline run), the last into the real one
const PASS_STAGES = ['store', 'dedup', 'floor hand-off'];
const passes: Array<{ cpu: Record<string, number>; redis: Record<string, number> }> = [];
for (let pass = 0; pass < 3; pass++) {
  const last = pass === 2;
  const passPrefix = last ? config.prefix : `${config.prefix}:pass${pass}:`;
  const d = last ? deps : { ...deps, config: { ...config, prefix: passPrefix }, store: new ArticleStore(redis, passPrefix) };
  const cpu0 = { ...profile.cpuMs };
  const redis0 = { ...profile.redisMs };
  const entries = await stage('dedup', records, (r) => JSON.stringify(dedupJobData(r)));
  await stage('store', [...records.keys()], (i) => d.store.save(records[i]!, { dedupEntry: entries[i] }));
  await stage('dedup', [d], dedupInbox);
  // the floor's no-op article job hands its entry to the inbox with a script call of its own, which the pipeline
  // does inside the save (counted in store): bench.ts takes this out of the floor
  const handOffPrefix = `${config.prefix}:handoff${pass}:`;
  const handOffInbox = new DedupInbox(redis, handOffPrefix);
  await stage('floor hand-off', entries, (e) => handOffInbox.handOff(e));
  await deletePrefix(redis, handOffPrefix);
  const delta = (now: Record<string, number>, then: Record<string, number>) => Object.fromEntries(PASS_STAGES.map((k) => [k, (now[k] ?? 0) - (then[k] ?? 0)]));
  passes.push({ cpu: delta(profile.cpuMs, cpu0), redis: delta(profile.redisMs, redis0) });
  for (const k of PASS_STAGES) {
    profile.cpuMs[k] = cpu0[k] ?? 0;
    profile.redisMs[k] = redis0[k] ?? 0;
  }
  if (!last) await deletePrefix(redis, passPrefix);
}
for (const k of PASS_STAGES) {
  const mid = [...passes].sort((a, b) => a.cpu[k]! + a.redis[k]! - (b.cpu[k]! + b.redis[k]!))[1]!;
  profile.cpuMs[k] = mid.cpu[k]!;
  profile.redisMs[k] = mid.redis[k]!;
  profile.passes[k] = passes.map((x) => (x.cpu[k]! + x.redis[k]!) / Math.max(1, records.length));
}
// copies under new ids: the store then holds N × the articles with recurring entities (bench.ts measures its memory)
const copies = Number(process.env.BENCH_REPLICATE ?? 0);
for (let k = 1; k <= copies; k++) {
  for (const r of records) {
    const sourceUrl = `${r.sourceUrl}?copy=${k}`;
    const copy: ArticleRecord = { ...r, id: articleId(sourceUrl), url: sourceUrl, sourceUrl };
    await store.save(copy, { dedupEntry: JSON.stringify(dedupJobData(copy)) });
  }
  await dedupInbox(deps);
}
profile.stored = await store.count();
await closeQueues(queues);
redis.disconnect();
probe.disconnect();
process.send!(profile, () => process.exit(0));
