/**
 * `npx tsx scripts/bench/archive.ts [--n 10000] [--batch 500] [--no-write]`
 * The archive's throughput: stores N records (real entity lists and real words from the fixture goldens, a
 * different ~600-word body each, so no two are near-copies) with their dedup fingerprints, then times
 * `runArchive` moving all of them to a temp archive dir — read, gzip member + fsync + index fsync per day file
 * and batch, fingerprint recompute and expiry, removal with every index entry. Records are spread over 3 stored
 * days. Uses REDIS_URL (under a scratch prefix) or a private redis-server. Writes BENCHMARKS.md's archive section
 * between <!-- bench:archive --> markers unless --no-write.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { runArchive } from '../../src/archive/archiver.js';
import { assignFingerprint } from '../../src/dedup/index.js';
import type { ArticleRecord } from '../../src/domain/types.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { dedupJobData } from '../../src/workers/dedup-worker.js';
import { benchRedis, dropPrefix, redisCpuMs, redisVersion } from './redis.js';
import { fmt, machine, table, writeSection } from './report.js';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: { n: { type: 'string', default: '10000' }, batch: { type: 'string', default: '500' }, 'no-write': { type: 'boolean', default: false } },
});
const N = Number(values.n);
const BATCH = Number(values.batch);

interface Golden {
  article: ArticleRecord['article'];
  entities: {
    people: Array<{ name: string; aliases: string[] }>;
    organizations: Array<{ name: string; kind: 'company' | 'organization' | 'government' | 'other'; aliases: string[] }>;
    dates: Array<{ text: string; value: string | null; granularity: string; modifier: string | null }>;
  };
}
const pagesDir = join(root, 'fixtures', 'pages');
const goldens: Golden[] = readdirSync(pagesDir).flatMap((outlet) =>
  readdirSync(join(pagesDir, outlet))
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => JSON.parse(readFileSync(join(pagesDir, outlet, f), 'utf8')) as Golden),
);
const vocabulary = [...new Set(goldens.flatMap((g) => g.article.text.split(/\s+/u)).filter(Boolean))];

let state = 0x9e3779b9;
const rnd = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state;
};

function makeRecord(i: number, storedAt: string): ArticleRecord {
  const g = goldens[i % goldens.length]!;
  const text = Array.from({ length: 600 }, () => vocabulary[rnd() % vocabulary.length]).join(' ');
  const id = `${(0x10000000 + i).toString(16)}${rnd().toString(16).padStart(8, '0')}0000`.slice(0, 20);
  const url = `https://bench.test/${i}`;
  return {
    id,
    url,
    sourceUrl: url,
    feedId: `feed-${i % 20}`,
    feedUrl: null,
    fetchedAt: storedAt,
    storedAt,
    article: { ...g.article, text, canonicalUrl: url, url },
    // why no mentions and no quotes: the goldens keep them in a compact form whose offsets point into their own text
    entities: {
      people: g.entities.people.map((p) => ({ name: p.name, kind: 'person' as const, aliases: p.aliases, mentions: [] })),
      organizations: g.entities.organizations.map((o) => ({ name: o.name, kind: o.kind as 'company', aliases: o.aliases, mentions: [] })),
      dates: g.entities.dates.map((d, k) => ({
        start: k,
        end: k + d.text.length,
        text: d.text,
        value: d.value,
        granularity: d.granularity as 'day',
        modifier: null,
        type: 'DATE' as const,
        range: null,
      })),
      quotes: [],
    },
    storyId: null,
  };
}

const server = await benchRedis();
const redis = new Redis(server.url);
const prefix = `nfbench-archive:${process.pid}:`;
const dir = mkdtempSync(join(tmpdir(), 'newsflow-bench-archive-'));
try {
  const store = new ArticleStore(redis, prefix);
  const fillStart = performance.now();
  let rawBytes = 0;
  for (let i = 0; i < N; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, N - i) }, async (_, k) => {
        const r = makeRecord(i + k, new Date(Date.UTC(2026, 0, 1 + ((i + k) % 3), 10)).toISOString());
        rawBytes += JSON.stringify(r).length + 1;
        await store.save(r);
        await assignFingerprint(redis, prefix, r.id, dedupJobData(r).fp, { storyKeys: store.keys.articleStoryParts });
      }),
    );
  }
  const fillS = (performance.now() - fillStart) / 1000;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const redisCpu0 = await redisCpuMs(redis);
  const report = await runArchive(redis, prefix, { dir, beforeMs: Date.UTC(2026, 1, 1), batchSize: BATCH });
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const redisCpu = (await redisCpuMs(redis)) - redisCpu0;
  const cpuS = (cpu.user + cpu.system) / 1e6;
  if (report.moved !== N || (await store.count()) !== 0) throw new Error(`archive moved ${report.moved} of ${N}; ${await store.count()} left in Redis`);
  const left = (await redis.keys(`${prefix}*`)).filter((k) => !k.includes('inbox') && !k.endsWith('dedup:seq') && !k.endsWith(':feeds'));
  const archiveBytes = readdirSync(dir)
    .filter((f) => f.endsWith('.ndjson.gz'))
    .reduce((a, f) => a + statSync(join(dir, f)).size, 0);
  const rate = N / s;
  const md = [
    '## archive',
    '',
    `Command: \`npx tsx scripts/bench/archive.ts --n ${N} --batch ${BATCH}\` (${new Date().toISOString().slice(0, 10)}).`,
    '',
    machine(await redisVersion(redis)),
    '',
    `${N} records (entity lists of the fixture goldens, ~600-word bodies of their words: no near-copies), stored over 3 days with their dedup ` +
      `fingerprints (filled in ${fmt(fillS)} s), then moved by \`runArchive\` to a temp dir on the local disk.`,
    '',
    table(
      ['measure', 'value'],
      [
        ['records moved per second (read, gzip member + fsync + index fsync per day file and batch, fingerprint expiry, removal)', `**${fmt(rate, 0)}**`],
        ['wall time per record / archiver CPU per record (user + system, this process)', `${fmt((s * 1e6) / N, 0)} µs / ${fmt((cpuS * 1e6) / N, 0)} µs`],
        ['Redis CPU per record (INFO cpu, the whole server; includes other clients when REDIS_URL is shared)', `${fmt((redisCpu * 1000) / N, 0)} µs`],
        ['records per archiver CPU-second (the ceiling on an idle machine, Redis and the disk aside)', fmt(N / cpuS, 0)],
        ['dedup fingerprints expired', report.fingerprintsForgotten],
        ['archive size per record (gzip) / NDJSON per record', `${fmt(archiveBytes / N, 0)} B / ${fmt(rawBytes / N, 0)} B`],
        ['keys left under the prefix (besides dedup:seq, the feeds set and the inbox)', left.length],
      ],
    ),
    '',
    'Plan with the wall figure: a day of 50,000 articles takes 50,000 / that rate seconds. The gap between wall and CPU (archiver + Redis) is time ' +
      'spent waiting for a core on a loaded host (see the load average above), for Redis, and for two fsyncs per day file and batch (the member, then ' +
      'its index line).',
  ].join('\n');
  process.stdout.write(`${md}\n`);
  if (!values['no-write']) writeSection(join(root, 'BENCHMARKS.md'), 'archive', md);
} finally {
  await dropPrefix(redis, prefix);
  await redis.quit();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
