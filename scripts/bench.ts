/**
 * `npm run bench -- [--articles N] [--procs 1,2] [--threads 1] [--concurrency 4] [--no-floor] [--no-profile] [--no-write]`
 *
 * Replays real pages (the ScrapingHub pages of ../shared/eval when present, else the fixture pages, repeated
 * to N articles under new URLs) through the whole pipeline — synthetic feed, fetch from a local HTTP server,
 * body, entities, dates, quotes, store, dedup — with real worker processes on a real Redis (REDIS_URL, else
 * a private redis-server), and reports throughput, CPU per article and per stage, feed-poll → stored latency,
 * worker RSS, Redis memory per article, and the same corpus through no-op workers on the same queues (the
 * floor). `--procs 1,2` adds the two-process run; `--articles 10000` (any N ≥ 2000) is the long run (RSS flatness).
 * Writes its sections of BENCHMARKS.md (pipeline, scale, long) unless --no-write.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.js';
import { ArticleStore } from '../src/store/article-store.js';
import type { StageTimes } from '../src/workers/extract-task.js';
import { threadCpuIsCpu } from '../src/workers/extract-task.js';
import { calibrate, machineSpeedMs, type Calibration } from './bench/calibrate.js';
import { loadCorpus, serveCorpus } from './bench/corpus.js';
import { runPipeline, type RunResult } from './bench/pipeline.js';
import { benchRedis, dropPrefix, familyMemory, redisVersion, usedMemory } from './bench/redis.js';
import { fmt, machine, table, writeSection } from './bench/report.js';
import type { StageProfile } from './bench/stage-proc.js';
import { WORKER_NODE_FLAGS } from '../src/workers/node-flags.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    articles: { type: 'string' },
    procs: { type: 'string', default: '1' },
    threads: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '4' },
    warmup: { type: 'string' },
    'node-flags': { type: 'string', default: 'worker' },
    'cpu-prof': { type: 'string' },
    'no-floor': { type: 'boolean', default: false },
    'no-pin': { type: 'boolean', default: false },
    'no-profile': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(`Usage: npm run bench -- [options]

Replays real pages through the whole pipeline on real Redis with real worker processes; writes BENCHMARKS.md.

Options:
  --articles N      articles to run (default: the corpus once; N >= 2000 is the long RSS run)
  --procs LIST      worker processes to compare, e.g. 1,2 (default 1)
  --threads N       extraction threads per worker process (default 1)
  --concurrency N   article jobs in flight per process (default 4)
  --warmup N        articles each worker process runs, uncounted, before the measured run (default 1000):
                    V8 keeps compiling hot code for the first ~1,000 articles; the bench reports that cost
                    (and the RSS peak of the warm-up) apart
  --node-flags worker|default
                    V8 flags of the worker processes: worker (--single-threaded-gc --max-semi-space-size=4
                    --max-old-space-size=2047, as bin/newsflow.js runs them; the default) or default (node's own)
  --cpu-prof DIR    write V8 CPU profiles of the worker processes (main and extraction threads) to DIR
                    (open them in Chrome DevTools; the figures of a profiled run are not representative)
  --no-floor        skip the no-op pipeline run
  --no-profile      skip the serial per-stage profile
  --no-pin          do not pin worker processes to cores
  --no-write        do not update BENCHMARKS.md
  -h, --help        this help

Examples:
  npm run bench
  npm run bench -- --procs 1,2
  npm run bench -- --articles 10000 --no-write
  npm run bench -- --articles 400 --no-floor --no-profile --no-write --cpu-prof .bench/prof
`);
  process.exit(0);
}
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const corpus = loadCorpus();
const articles = Number(values.articles ?? corpus.pages.length);
const procsList = values.procs.split(',').map(Number);
const threads = Number(values.threads);
const concurrency = Number(values.concurrency);
const nodeFlagsArg = values['node-flags'];
if (nodeFlagsArg !== 'worker' && nodeFlagsArg !== 'default') {
  process.stderr.write(`bench: --node-flags must be worker or default, not ${nodeFlagsArg}\n`);
  process.exit(2);
}
const nodeFlags: 'worker' | 'default' = nodeFlagsArg;
const long = articles >= 2000; // the long run: RSS over many articles, no floor or profile
// why 1,000: V8's compiler threads keep working, and a fresh worker's RSS stays above its later level, for about
// that long (BENCHMARKS.md, "Reading the figures"); a worker left running for months pays both once
const warmup = Number(values.warmup ?? 1000);
const log = (s: string) => process.stderr.write(`${s}\n`);
/** The stage profile saves each article this many more times under new ids (memory with recurring entities). */
const REPLICATE = 4;

const STAGES: Array<[keyof StageTimes, string]> = [
  ['article', 'parse + body + metadata (extractArticle)'],
  ['nlp', 'entities: compromise parse (parseText)'],
  ['entities', 'entities: people and organizations'],
  ['dates', 'dates'],
  ['quotes', 'quotes'],
];

/** The serial stage profile in its own process (so the page server's CPU is not counted as fetch CPU). */
async function profileStages(redisUrl: string): Promise<{ profile: StageProfile; recurring: MemoryFigures }> {
  const server = await serveCorpus(corpus, corpus.pages.length);
  const urls = Array.from({ length: corpus.pages.length }, (_, i) => `${server.base}/a/${i}/${i}.html`);
  const prefix = `bench-profile-${randomBytes(3).toString('hex')}:`;
  const child = fork(resolve(root, 'scripts', 'bench', 'stage-proc.ts'), [], {
    execArgv: ['--import', 'tsx', ...(nodeFlags === 'default' ? [] : WORKER_NODE_FLAGS)],
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      NEWSFLOW_PREFIX: prefix,
      NEWSFLOW_ALLOW_HOSTS: server.host,
      LOG_LEVEL: 'silent',
      BENCH_URLS: JSON.stringify(urls),
      BENCH_REPLICATE: String(REPLICATE),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const profile = await new Promise<StageProfile>((ok, fail) => {
    child.once('message', (m) => ok(m as StageProfile));
    child.once('exit', (code) => fail(new Error(`stage profile exited with code ${code}`)));
  });
  await server.close();
  const r = new Redis(redisUrl);
  const recurring = await measureMemory(r, prefix, NaN);
  await dropPrefix(r, prefix);
  r.disconnect();
  return { profile, recurring };
}

interface MemoryFigures {
  stored: number;
  usedDelta: number;
  families: Map<string, { keys: number; bytes: number }>;
  textBytes: number;
  sampled: number;
}

/** Key families of a run's prefix: pattern, label, and whether the store keeps it per article (vs queue retention). */
const FAMILIES: Array<[RegExp, string, boolean]> = [
  [/^article:[^:]+$/u, 'record (article:<id>)', true],
  [/^article:[^:]+:(names|story)$/u, 'record side keys (:names, :story)', true],
  [/^idx:(person|org|company):/u, 'entity index sets (idx:<kind>:<norm>, one per entity)', true],
  [/^(rank|names):/u, 'entity ranks and display names (rank:, names:)', true],
  [/^(idx:|feeds$)/u, 'time, stored and feed indexes', true],
  [/^dedup:/u, 'dedup index and stories', true],
  [/^bull:/u, 'queues (retained jobs)', false],
];
const OTHER_FAMILY = 'fetch and feed state (robots, hosts, feeds)';

async function measureMemory(r: Redis, prefix: string, usedDelta: number): Promise<MemoryFigures> {
  const store = new ArticleStore(r, prefix);
  const ids = await r.zrange(store.keys.byTime, '0', '1999');
  let textBytes = 0;
  for (let i = 0; i < ids.length; i += 200) for (const rec of await store.getMany(ids.slice(i, i + 200))) textBytes += Buffer.byteLength(rec.article.text);
  const families = await familyMemory(r, prefix, (k) => FAMILIES.find(([re]) => re.test(k.slice(prefix.length)))?.[1] ?? OTHER_FAMILY);
  return { stored: await store.count(), usedDelta, families, textBytes: ids.length ? textBytes / ids.length : NaN, sampled: ids.length };
}

function perArticleCpu(r: RunResult): number {
  return (r.workerCpuMs + r.redisCpuMs) / Math.max(1, r.done);
}

/** CPU per article counting the warm-up too (Redis CPU of the warm-up taken at the run's rate). */
function coldCpu(r: RunResult): number {
  return (r.warm.cpuMs + r.workerCpuMs) / Math.max(1, r.warm.done + r.done) + r.redisCpuMs / Math.max(1, r.done);
}

function runRow(r: RunResult): Array<string | number> {
  const n = Math.max(1, r.done);
  return [
    r.mode === 'full' ? 'everything on' : 'no-op floor',
    `${r.procs} × ${r.mode === 'full' ? `${r.threads} thread` : 'no pool'}${r.pinned ? ', pinned' : ''}`,
    `${r.stored}/${r.skipped}/${r.failed}`,
    `${fmt(r.wallMs / 1000, 1)} (+${fmt(r.dedupTailMs / 1000, 1)})`,
    fmt(r.perSecond, 1),
    fmt(r.workerCpuMs / n, 2),
    fmt(r.mainCpuMs / n, 2),
    fmt(r.redisCpuMs / n, 2),
    fmt(1000 / perArticleCpu(r), 1),
    `${fmt(r.latencyMs.p50 / 1000, 2)} / ${fmt(r.latencyMs.p99 / 1000, 2)}`,
    `${fmt(r.serviceMs.p50, 0)} / ${fmt(r.serviceMs.p99, 0)}`,
    `${r.rssStartMb.map((x) => fmt(x, 0)).join('+')} → ${r.rssEndMb.map((x) => fmt(x, 0)).join('+')}`,
  ];
}

const RUN_HEAD = [
  'pipeline',
  'processes × extract threads (pinned: one core each)',
  'stored/skipped/failed',
  'wall s to the last article stored (+ last dedup batch)',
  'articles/s',
  'worker CPU ms/article',
  'of which main thread',
  'Redis CPU ms/article',
  'articles per CPU-second',
  'feed poll → stored p50 / p99 s',
  'article job alone p50 / p99 ms',
  'worker RSS MB start → end',
];

async function main(): Promise<void> {
  const redis = await benchRedis();
  const r = new Redis(redis.url, { maxRetriesPerRequest: null });
  const version = await redisVersion(r);
  log(`bench: ${articles} articles from ${corpus.source}; Redis ${redis.private ? 'private' : 'REDIS_URL'} ${version}`);
  const runs: RunResult[] = [];
  const speed: number[] = [await machineSpeedMs()];
  const progress = (label: string) => (done: number, rss: number[]) =>
    log(`  ${label}: ${done}/${articles} articles, RSS ${rss.map((x) => fmt(x, 0)).join('+')} MB`);
  try {
    let floor: RunResult | null = null;
    if (!values['no-floor'] && !long) {
      // why more articles than the real run: no-op jobs take ~0.5 s a thousand, too short a span for steady CPU figures
      const floorArticles = Math.max(5000, 5 * articles);
      log(`floor: no-op workers on the same queues (${floorArticles} articles)`);
      // pinned as the one-process real run is when processes are compared
      const pin = procsList.length > 1 && !values['no-pin'];
      floor = await runPipeline({ mode: 'noop', procs: 1, threads, concurrency, articles: floorArticles, warmup, corpus, redisUrl: redis.url, pin, nodeFlags });
      await dropPrefix(r, floor.prefix);
    }
    let memory: MemoryFigures | null = null;
    for (const procs of procsList) {
      log(`full pipeline: ${procs} worker process(es)`);
      const before = await usedMemory(r);
      // why pinned when comparing 1 and 2 processes: on a shared machine "two cores vs one" only means something
      // when each process is held to one core; otherwise one process already spreads over both
      const pin = procsList.length > 1 && !values['no-pin'];
      const run = await runPipeline({
        mode: 'full',
        procs,
        threads,
        concurrency,
        articles,
        warmup,
        corpus,
        redisUrl: redis.url,
        pin,
        nodeFlags,
        cpuProfDir: values['cpu-prof'],
        onProgress: progress(`${procs} proc`),
      });
      runs.push(run);
      if (!memory) memory = await measureMemory(r, run.prefix, (await usedMemory(r)) - before);
      await dropPrefix(r, run.prefix);
    }
    const prof = values['no-profile'] || long ? null : await profileStages(redis.url);
    // why: a two-process run's CPU per article rises partly because the machine runs each core slower when both are busy
    const cal = procsList.includes(2) && runs.some((x) => x.pinned) ? await calibrate() : null;
    speed.push(await machineSpeedMs());
    const md = report(runs, floor, memory!, prof?.profile ?? null, prof?.recurring ?? null, version, cal, speed);
    process.stdout.write(`${md.pipeline}\n${md.scale ?? ''}\n${md.long ?? ''}\n`);
    if (!values['no-write']) {
      const file = join(root, 'BENCHMARKS.md');
      if (long) writeSection(file, 'long', md.long!);
      else {
        writeSection(file, 'pipeline', md.pipeline);
        if (md.scale) writeSection(file, 'scale', md.scale);
      }
      log(`wrote ${file}`);
    }
  } finally {
    r.disconnect();
    await redis.stop();
  }
}

function memoryTable(mem: MemoryFigures): { md: string; kept: number; budget: number } {
  const fam = [...mem.families.entries()].sort((x, y) => y[1].bytes - x[1].bytes);
  const keptLabels = new Set(FAMILIES.filter(([, , k]) => k).map(([, label]) => label));
  const kept = fam.filter(([k]) => keptLabels.has(k)).reduce((s, [, v]) => s + v.bytes, 0) / Math.max(1, mem.stored);
  const budget = 1.5 * mem.textBytes + 2048;
  const md =
    `${table(
      ['key family', 'keys', 'KiB per stored article'],
      fam.map(([k, v]) => [k, v.keys, fmt(v.bytes / Math.max(1, mem.stored) / 1024, 2)]),
    )}\n\nKept per article (everything but retained queue jobs and fetch state): **${fmt(kept / 1024, 2)} KiB** vs budget 1.5 × text + 2 KiB = ` +
    `${fmt(budget / 1024, 2)} KiB (${kept <= budget ? 'met' : 'missed'}).`;
  return { md, kept, budget };
}

function report(
  runs: RunResult[],
  floor: RunResult | null,
  mem: MemoryFigures,
  profile: StageProfile | null,
  recurring: MemoryFigures | null,
  version: string,
  cal: Calibration | null = null,
  speed: number[] = [],
) {
  const one = runs.find((x) => x.procs === 1) ?? runs[0]!;
  const n = Math.max(1, one.done);
  const warmNote = one.warm.done
    ? ` (this run's warm-up: ${fmt(one.warm.cpuMs / one.warm.done, 2)} ms of worker CPU per article, ` +
      `${fmt(one.warm.otherCpuMs / one.warm.done, 2)} of it on the compiler and other V8 threads)`
    : '';
  const speedNote = speed.length
    ? `\n- machine speed: the calibration workload (scripts/bench/calibrate.ts) cost ${speed.map((x) => fmt(x, 2)).join(' ms before and ')} ` +
      'ms after the runs on core 0 (1.05 when this VM runs at full speed; the CPU figures rise with it, though not in proportion)'
    : '';
  const header =
    `${machine(version)}\n- worker processes: node ` +
    `${nodeFlags === 'worker' ? `${WORKER_NODE_FLAGS.join(' ')} (as bin/newsflow.js runs them)` : "with node's default V8 flags"}\n- corpus: ` +
    `${corpus.source}; ${articles} articles (pages repeated under new URLs when N > corpus)\n- command: \`${command}\`\n- warm-up: each worker ` +
    `process first runs ${warmup} articles (other URLs), not counted: V8 compiles hot code on its compiler threads for about the first 1,000 ` +
    `articles${warmNote}${speedNote}${threadCpuIsCpu() ? '' : '\n- note: no per-thread CPU clock here: stage times are wall time'}`;

  // where the CPU goes in the real run
  const stageTotal = Object.values(one.stageMs).reduce((a, b) => a + b, 0);
  const other = one.workerCpuMs - one.mainCpuMs - one.poolCpuMs;
  const cpuRows: Array<Array<string | number>> = [
    ...STAGES.map(([k, label]) => [label, fmt(one.stageMs[k] / n, 2), fmt((100 * one.stageMs[k]) / (one.workerCpuMs + one.redisCpuMs), 1)]),
    [
      'extraction thread, outside the stages (messages, GC)',
      fmt((one.poolCpuMs - stageTotal) / n, 2),
      fmt((100 * (one.poolCpuMs - stageTotal)) / (one.workerCpuMs + one.redisCpuMs), 1),
    ],
    ['main thread: queues, fetch, store, dedup, feeds', fmt(one.mainCpuMs / n, 2), fmt((100 * one.mainCpuMs) / (one.workerCpuMs + one.redisCpuMs), 1)],
    ['other threads of the process (V8 GC and compiler, libuv)', fmt(other / n, 2), fmt((100 * other) / (one.workerCpuMs + one.redisCpuMs), 1)],
    ['Redis server', fmt(one.redisCpuMs / n, 2), fmt((100 * one.redisCpuMs) / (one.workerCpuMs + one.redisCpuMs), 1)],
    ['**total**', `**${fmt(perArticleCpu(one), 2)}**`, '100'],
  ];

  let profileMd = '';
  let storeCpu = NaN;
  let handOffCpu = 0;
  if (profile) {
    const a = Math.max(1, profile.articles);
    const p = Math.max(1, profile.pages);
    const per = (k: string) => (k === 'fetch' || k === 'pool transfer' || STAGES.some(([s]) => s === k) ? p : a);
    const keys = ['fetch', ...STAGES.map(([k]) => k), 'pool transfer', 'store', 'dedup', 'floor hand-off'];
    const rows = keys.map((k) => [k, fmt((profile.cpuMs[k] ?? 0) / per(k), 2), fmt((profile.redisMs[k] ?? 0) / per(k), 2)]);
    storeCpu = ((profile.cpuMs.store ?? 0) + (profile.redisMs.store ?? 0)) / a;
    handOffCpu = ((profile.cpuMs['floor hand-off'] ?? 0) + (profile.redisMs['floor hand-off'] ?? 0)) / a;
    profileMd =
      `\n### Stage by stage (serial profile: one page at a time, same code, this thread's CPU + Redis CPU)\n\n${profile.pages} pages, ` +
      `${profile.articles} articles; per page for fetch and extraction, per stored article for store and dedup. "floor hand-off" is the no-op floor's ` +
      `script call that hands an entry to the dedup inbox (the pipeline does it inside the save's script). "pool transfer" is the structured clone of ` +
      `one job's input and output (the cost of handing a page to a thread and back). Store and dedup are the median of three passes, each into an ` +
      `empty store (CPU + Redis ms per article of the passes: store ${(profile.passes.store ?? []).map((x) => fmt(x, 2)).join(', ')}; dedup ` +
      `${(profile.passes.dedup ?? []).map((x) => fmt(x, 2)).join(', ')}). Average page ${fmt(profile.bytes.html / p / 1024, 1)} KiB HTML, body text ` +
      `${fmt(profile.bytes.text / a / 1024, 1)} KiB, record JSON ${fmt(profile.bytes.record / a / 1024, 1)} ` +
      `KiB.\n\n${table(['stage', 'CPU ms', 'Redis CPU ms'], rows)}\n`;
  }

  const floorPer = floor ? perArticleCpu(floor) : NaN;
  // why the floor's hand-off comes out: the no-op article job makes a script call the pipeline does not (it hands off
  // inside the save, whose cost is the store's); left in, that call (~0.08 ms) would count twice
  const store = Number.isFinite(storeCpu) ? storeCpu : 0;
  const overhead = (100 * (floorPer - handOffCpu + store)) / perArticleCpu(one);
  const overheadRaw = (100 * (floorPer + store)) / perArticleCpu(one);
  const { md: memTable, kept, budget } = memoryTable(mem);
  const rec = recurring ? memoryTable(recurring) : null;
  const recMd =
    rec && recurring
      ? `\n\nWith recurring entities (the stage profile's ${profile?.articles ?? '?'} articles each saved ${REPLICATE} more times under new ids, with ` +
        `dedup: ${recurring.stored} records; entity keys are shared as in a stream where names repeat):\n\n${rec.md}`
      : '';
  const memMd =
    `### Redis memory per stored article\n\n${mem.stored} records of the run, every page different, so nearly every entity is new (the ` +
    `worst case for the entity indexes); body text averages ${fmt(mem.textBytes / 1024, 2)} KiB (UTF-8, ${mem.sampled} records read). INFO ` +
    `used_memory grew ${fmt(mem.usedDelta / 2 ** 20, 1)} MiB = ${fmt(mem.usedDelta / Math.max(1, mem.stored) / 1024, 2)} KiB per article, everything ` +
    `included. Retained queue jobs are bounded by the queues' retention (removeOnComplete), not by the store.\n\n${memTable}${recMd}\n`;

  const targets = table(
    ['measure', 'target', 'measured'],
    [
      [
        'articles per CPU-second, everything on (worker process + Redis CPU)',
        '≥ 40 (≤ 25 ms CPU/article)',
        `${fmt(1000 / perArticleCpu(one), 1)} (${fmt(perArticleCpu(one), 1)} ms)`,
      ],
      ...(one.warm.done
        ? [
            [
              `the same from a fresh process (its ${one.warm.done} warm-up articles counted too)`,
              '—',
              `${fmt(1000 / coldCpu(one), 1)} (${fmt(coldCpu(one), 1)} ms)`,
            ],
          ]
        : []),
      ['wall-clock articles/s, 1 process', '—', fmt(one.perSecond, 1)],
      [
        'queue + store overhead',
        '≤ 5% of CPU',
        floor
          ? `${fmt(overhead, 1)}% (floor ${fmt(floorPer, 2)} ms − its own hand-off to the dedup inbox ${fmt(handOffCpu, 2)} ms + store ` +
            `${fmt(storeCpu, 2)} ms of ${fmt(perArticleCpu(one), 1)} ms; ${fmt(overheadRaw, 1)}% with the floor's hand-off counted too)`
          : 'not measured (--no-floor)',
      ],
      [
        'Redis memory per stored article',
        '≤ 1.5 × text + 2 KiB',
        `${fmt(kept / 1024, 2)} KiB vs ${fmt(budget / 1024, 2)} KiB, every entity ` +
          `new${rec ? `; ${fmt(rec.kept / 1024, 2)} KiB vs ${fmt(rec.budget / 1024, 2)} KiB with recurring entities` : ''}`,
      ],
    ],
  );
  const pipeline =
    `## pipeline\n\n${header}\n\n### Targets\n\n${targets}\n\n### Runs\n\nWall time and articles/s run from the first feed poll to the ` +
    `last article stored; the last dedup batch ends after it, once its batch delay (NEWSFLOW_DEDUP_DELAY_MS, ` +
    `${loadConfig(process.env).dedupBatchDelayMs} ms) has passed (in brackets; CPU is counted to then). All feeds are enqueued at once, so feed poll ` +
    `→ stored includes the wait behind the backlog of the same poll; "article job alone" is fetch start → record stored (no queue wait; with 4 jobs ` +
    `sharing one extraction thread it includes waiting for the ` +
    `thread).\n\n${table(RUN_HEAD, [...(floor ? [runRow(floor)] : []), ...runs.filter((x) => x.procs === 1).map(runRow)])}\n\n### Where the CPU goes ` +
    `(real run, ${one.procs} process, per article)\n\nExtraction stages are the pool threads' own CPU time (from /proc/thread-self/schedstat) summed ` +
    `from the job results; the rest is the worker process's CPU split by thread, and Redis's from INFO ` +
    `cpu.\n\n${table(['part', 'CPU ms per article', '% of total'], cpuRows)}\n${profileMd}\n${memMd}`;

  let scale: string | null = null;
  const two = runs.find((x) => x.procs === 2);
  if (two) {
    const cores = (x: RunResult) => x.workerCpuMs / x.wallMs;
    const per = (x: RunResult, ms: number) => ms / Math.max(1, x.done);
    const shareRows = runs.flatMap((x) =>
      x.perProcess.map((p, i) => [
        `${x.procs} proc`,
        `#${i + 1}${p.core === null ? '' : ` (core ${p.core})`}`,
        p.done,
        fmt(p.cpuMs / x.wallMs, 2),
        fmt(p.waitMs / x.wallMs, 2),
        fmt(p.cpuMs / Math.max(1, p.done), 2),
      ]),
    );
    const shares = table(
      ['run', 'process', 'articles', 'cores used (CPU s / wall s)', 'cores waited for (runnable, no core free)', 'CPU ms/article'],
      shareRows,
    );
    // why a projection: on a shared machine the wall-clock ratio is the share of the cores each run was given. On an
    // idle 2-core machine one pinned process is limited by its own CPU per article (Redis and the page server use the
    // other core); two share both cores with Redis and the page server
    const projected = (2 * per(one, one.workerCpuMs)) / (per(two, two.workerCpuMs) + per(two, two.redisCpuMs) + per(two, two.serverCpuMs));
    scale =
      `## scale\n\n${header}\n\n${table(RUN_HEAD, runs.map(runRow))}\n\nTwo processes vs one (wall-clock articles/s): ` +
      `**${fmt(two.perSecond / one.perSecond, 2)}×** (target ≥ 1.7×)${one.pinned ? ', each process pinned to its own core (taskset)' : ''}. CPU the ` +
      `worker processes actually got: ${runs.map((x) => `${x.procs} proc ${fmt(cores(x), 2)} cores`).join(', ')}; CPU per article ` +
      `${fmt(perArticleCpu(two) / perArticleCpu(one), 2)}× that of one process (1.00 = no contention between the two). Load average at the end of ` +
      `each run: ${runs.map((x) => `${x.procs} proc ${fmt(x.loadAvg[0] ?? NaN, 2)}`).join(', ')}: on a shared machine the wall-clock ratio measures ` +
      `the share of the cores the run was given as much as the pipeline.\n\nWhat each worker process did and got ("waited": its threads were runnable ` +
      `but every core was busy, from /proc/<pid>/task/*/schedstat):\n\n${shares}\n\nAlongside the workers: Redis ` +
      `${runs.map((x) => `${fmt(per(x, x.redisCpuMs), 2)}`).join(' / ')} ms and the benchmark's page and feed server (this process, with its queue ` +
      `polling) ${runs.map((x) => `${fmt(per(x, x.serverCpuMs), 2)}`).join(' / ')} ms of CPU per article (1 / 2 processes). Projected on an idle ` +
      `2-core machine (one process bound by its own ${fmt(per(one, one.workerCpuMs), 1)} ms per article, two sharing both cores with Redis and the ` +
      `page server at ${fmt(per(two, two.workerCpuMs + two.redisCpuMs + two.serverCpuMs), 1)} ms): ` +
      `**${fmt(projected, 2)}×**.${
        cal
          ? ` The machine itself, right after the runs: a fixed JavaScript workload pinned to core 0 costs ${fmt(cal.aloneMs, 2)} ms of CPU alone ` +
            `and ${fmt(cal.bothMs, 2)} ms per core with both cores running it (${fmt(cal.slowdown, 2)}×; compare the pipeline's ` +
            `${fmt(perArticleCpu(two) / perArticleCpu(one), 2)}× in CPU per article: what exceeds the machine's own factor is the two processes ` +
            'slowing each other, or Redis and the page server sharing their cores).'
          : ''
      }\n`;
  }
  let longMd: string | null = null;
  if (long) {
    const s = one.samples;
    const warm = s.find((x) => x.done >= one.done * 0.1) ?? s[0];
    const after = s.filter((x) => x.done >= (warm?.done ?? 0)).map((x) => x.rssMb.reduce((a, b) => a + b, 0));
    const lo = Math.min(...after);
    const hi = Math.max(...after);
    const mid = (lo + hi) / 2;
    const points = [0.1, 0.25, 0.5, 0.75, 1].map((q) => s.find((x) => x.done >= one.done * q) ?? s.at(-1)!).filter(Boolean);
    longMd =
      `## long\n\n${header}\n\n${table(RUN_HEAD, runs.map(runRow))}\n\nWorker RSS (MB) during the warm-up (${one.warm.done} articles, not ` +
      `counted below): ${fmt(one.warm.rssStartMb, 0)} at the start, at most ${fmt(one.warm.rssMaxMb, 0)}. Over the run: ${points
        .map(
          (x) =>
            `${x.done}: ${fmt(
              x.rssMb.reduce((a, b) => a + b, 0),
              0,
            )}`,
        )
        .join(
          ', ',
        )}; after the first 10%: min ${fmt(lo, 0)}, max ${fmt(hi, 0)} = ${fmt(mid, 0)} ± ${fmt((100 * (hi - lo)) / 2 / mid, 1)}% (target ≤ 300 MB, flat ` +
      `±10%).\n\nThe pages repeat every ${corpus.pages.length} articles, so their entities recur and entity keys are shared: the memory figures below are ` +
      `the cost per article when entities recur (the pipeline section's, with every entity new, is the other end).\n\n${memMd}`;
  }
  return { pipeline, scale, long: longMd };
}

await main();
