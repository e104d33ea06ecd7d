/**
 * `npx tsx scripts/bench/dedup.ts [--n 1000000] [--probe 2000] [--no-write]`
 * Dedup index at scale with synthetic fingerprints: fills the index with N articles through the real Lua script
 * (pipelined), then times single lookup+insert calls with N fingerprints indexed, and measures Redis memory
 * (INFO memory before/after, MEMORY USAGE per key family). 3% of synthetic articles are near-copies of an
 * earlier one, so merges happen too. Uses REDIS_URL (under a scratch prefix) or a private redis-server.
 * Writes the dedup section of BENCHMARKS.md (between <!-- bench:dedup --> markers) unless --no-write.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { ASSIGN_LUA, assignArgs, type AssignReply } from '../../src/dedup/assign-script.js';
import { BANDS, hashString, K, SKETCH_BYTES, splitHash, type Fingerprint } from '../../src/dedup/fingerprint.js';
import { assignStory } from '../../src/dedup/index.js';
import { deletePrefix } from '../../src/store/delete-prefix.js';
import { NEAR } from '../../src/dedup/similarity.js';
import { readJsonl } from '../eval/_shared.js';
import { scratchRedis } from '../eval/dedup.js';
import { familyMemory, redisCpuMs, usedMemory } from './redis.js';
import { writeSection } from './report.js';
import type { SyndicationCase } from '../make-syndication-set.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: { n: { type: 'string', default: '1000000' }, probe: { type: 'string', default: '2000' }, 'no-write': { type: 'boolean', default: false } },
});
const N = Number(values.n);
const PROBE = Number(values.probe);

let state = 0x9e3779b9;
const rnd32 = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
};

interface Synthetic {
  id: string;
  fp: Fingerprint;
  meta: string;
}
const recent: Fingerprint[] = [];

/**
 * A random fingerprint; 3% reuse half the bands and most of the sketch of a recent one (a near-copy).
 * Cheap on purpose (no SHA-256, one string template): the generator must not be the bottleneck of the fill.
 */
function synthetic(i: number): Synthetic {
  const hex = () => rnd32().toString(16).padStart(8, '0');
  const id = `${hex()}${hex()}${i.toString(16).padStart(6, '0').slice(-4)}`;
  const sketch = Buffer.alloc(SKETCH_BYTES);
  for (let b = 0; b < K / 4; b += 4) sketch.writeUInt32LE(rnd32(), b);
  sketch.writeUInt16BE(300 + (rnd32() % 900), K / 4);
  let bands = Array.from({ length: BANDS }, () => splitHash(rnd32()));
  const near = recent.length > 0 && rnd32() % 100 < 3 ? recent[rnd32() % recent.length]! : null;
  if (near?.sketch) {
    near.sketch.copy(sketch, 0, 0, 24);
    bands = bands.map((b, k) => (k % 2 === 0 ? near.bands[k]! : b));
  }
  // exact keys as exactPosting lays them out: 15-bit bucket, 33-bit field
  const exact = ['u', 't'].map((kind) => ({ bucket: `${kind}${(rnd32() >>> 17).toString(36)}`, field: String((rnd32() & 1) * 2 ** 32 + rnd32()) }));
  const fp: Fingerprint = { sketch, bands, exact, textHash: hex() + hex(), shingles: 600 };
  if (recent.length < 1000) recent.push(fp);
  else recent[rnd32() % 1000] = fp;
  const meta =
    `${id}\n["https://outlet${i % 997}.example/news/2026/05/25/a-fairly-typical-article-slug-about-something-${i}",null,` +
    `"Outlet ${i % 997}","A fairly typical headline about story number ${i} in the bench","2026-05-25T12:00:00Z","${fp.textHash}",null]`;
  return { id, fp, meta };
}

type ScriptRedis = Redis & { nfDedupAssign(...a: (string | Buffer)[]): Promise<AssignReply> };
const idBucket = (id: string) => (hashString(id) & 0x3fff).toString(36);

const mb = (b: number) => (b / 1e6).toFixed(1);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  const server = await scratchRedis();
  const redis = new Redis(server.url) as ScriptRedis;
  redis.defineCommand('nfDedupAssign', { numberOfKeys: 0, lua: ASSIGN_LUA });
  // the production prefix on a private server (key names count in memory); a scratch prefix on a shared one
  const prefix = process.env.REDIS_URL ? `nfbench:${process.pid}:` : 'nf:';
  const base = `${prefix}dedup:`;
  try {
    const before = await usedMemory(redis);
    const sha = String(await redis.script('LOAD', ASSIGN_LUA));
    await redis.config('RESETSTAT');
    const cpu0 = await redisCpuMs(redis);
    const t0 = performance.now();
    await fillWithRedisCli(server.url, sha, base, N);
    const fillCpuUs = (((await redisCpuMs(redis)) - cpu0) * 1e3) / N;
    const fillS = (performance.now() - t0) / 1000;
    const stat = /cmdstat_evalsha:calls=(\d+),usec=(\d+)/u.exec(await redis.info('commandstats'));
    const serverUs = stat ? Number(stat[2]) / Number(stat[1]) : Number.NaN;
    const after = await usedMemory(redis);
    const fams = await familyMemory(redis, base, (k) => k.slice(base.length).replace(/:.*$/u, ''));
    const multi = await redis.zcard(`${base}stories`);

    // Single calls (no pipelining) with N fingerprints indexed: the per-article cost a dedup worker pays.
    const lat: number[] = [];
    await redis.config('RESETSTAT');
    const cpu1 = await redisCpuMs(redis);
    for (let i = 0; i < PROBE; i++) {
      const s = synthetic(N + i);
      const args = assignArgs(base, s.id, idBucket(s.id), s.fp, s.meta, NEAR);
      const t = performance.now();
      await redis.nfDedupAssign(...args);
      lat.push(performance.now() - t);
    }
    const probeCpuUs = (((await redisCpuMs(redis)) - cpu1) * 1e3) / PROBE;
    lat.sort((a, b) => a - b);
    const probeStat = /cmdstat_evalsha:calls=(\d+),usec=(\d+)/u.exec(await redis.info('commandstats'));
    const probeServerUs = probeStat ? Number(probeStat[2]) / Number(probeStat[1]) : Number.NaN;
    // Full assignStory on real bodies (fingerprinting included), fresh ids, same full index.
    const set = join(root, 'fixtures', 'syndication', 'articles.jsonl');
    const full: number[] = [];
    if (existsSync(set)) {
      for (const [i, c] of readJsonl<SyndicationCase>(set).entries()) {
        const t = performance.now();
        await assignStory(redis, prefix, { ...c, id: `bench${String(i).padStart(15, '0')}`, url: `${c.url}?bench=${i}`, canonicalUrl: null });
        full.push(performance.now() - t);
      }
      full.sort((a, b) => a - b);
    }
    const idxFams = ['b', 'x', 'k', 'i', 'seq'];
    const sum = (fs: string[]) => fs.reduce((a, f) => a + (fams.get(f)?.bytes ?? 0), 0);
    const rows = [...fams.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([f, e]) => `| \`${f}:\` | ${e.keys} | ${mb(e.bytes)} | ${(e.bytes / N).toFixed(0)} |`);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
    const md = [
      `Command: \`npx tsx scripts/bench/dedup.ts --n ${N}\` (${new Date().toISOString().slice(0, 10)}; ${cpus().length} × ${cpus()[0]?.model.trim()}, ` +
        `${(totalmem() / 2 ** 30).toFixed(0)} GiB; redis-server ${(await redis.info('server')).match(/redis_version:(\S+)/u)?.[1]} on loopback, same ` +
        `machine; Node ${process.version}).`,
      `Synthetic fingerprints (random sketches and band hashes, 3% near-copies of a recent article so merges happen; ${multi} multi-copy stories at ` +
        `the end), inserted through the real Lua script (EVALSHA through \`redis-cli --pipe\`), key prefix \`${prefix}\`.`,
      '',
      '| measure | value | target |',
      '| --- | --- | --- |',
      `| fill: ${N.toLocaleString('en')} articles, pipelined (redis-cli --pipe) | ${fillS.toFixed(1)} s (${((fillS * 1e6) / N).toFixed(1)} µs per ` +
        `article wall) | |`,
      `| script time inside Redis per article during the fill: wall (INFO commandstats) / Redis CPU (INFO cpu) | ${serverUs.toFixed(1)} / ` +
        `${fillCpuUs.toFixed(1)} µs | |`,
      `| lookup + insert, one call, ${N.toLocaleString('en')} indexed (mean / p50 / p99 of ${PROBE}) | ${mean(lat).toFixed(3)} / ` +
        `${pct(lat, 50).toFixed(3)} / ${pct(lat, 99).toFixed(3)} ms | ≤ 1 ms |`,
      `| the same calls: script time inside Redis, wall (INFO commandstats) / Redis CPU per call (INFO cpu, incl. command I/O) | ` +
        `${probeServerUs.toFixed(1)} / ${probeCpuUs.toFixed(1)} µs | |`,
      `| full assignStory on real bodies incl. MinHash (mean / p50 / p99 of ${full.length}) | ${mean(full).toFixed(3)} / ${pct(full, 50).toFixed(3)} ` +
        `/ ${pct(full, 99).toFixed(3)} ms | |`,
      `| Redis memory, near-duplicate + exact index (\`b: x: k: i:\`, MEMORY USAGE) | ${mb(sum(idxFams))} MB (${(sum(idxFams) / N).toFixed(0)} B per ` +
        `article) | ≤ 200 MB |`,
      `| Redis memory, all dedup keys incl. copy metadata and stories (MEMORY USAGE) | ${mb(sum([...fams.keys()]))} MB | |`,
      `| Redis used_memory after − before (INFO memory) | ${mb(after - before)} MB | |`,
      '',
      `Machine load during the run: load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (1/5/15 min) on ${cpus().length} cores, shared with other jobs: wall-clock figures include waiting for a core.`,
      '',
      '| key family | keys | MB | bytes per article |',
      '| --- | --- | --- | --- |',
      ...rows,
    ].join('\n');
    process.stdout.write(`${md}\n`);
    if (!values['no-write']) writeSection(join(root, 'BENCHMARKS.md'), 'dedup', `## dedup\n\n${md}`);
  } finally {
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await server.stop();
  }
}

/** RESP encoding of one command as a latin1 string (binary arguments byte for byte). */
function resp(args: (string | Buffer)[]): string {
  let out = `*${args.length}\r\n`;
  for (const a of args) {
    const s = typeof a === 'string' ? a : a.toString('latin1');
    out += `$${typeof a === 'string' ? Buffer.byteLength(a) : a.length}\r\n${s}\r\n`;
  }
  return out;
}

/**
 * Mass insertion through `redis-cli --pipe` (EVALSHA of the real script): ioredis spends ~40 µs of client CPU
 * per scripted call, which would make the fill measure the client rather than the index.
 */
async function fillWithRedisCli(url: string, sha: string, base: string, n: number): Promise<void> {
  const u = new URL(url);
  const cli = spawn('redis-cli', ['-h', u.hostname, '-p', u.port || '6379', '--pipe'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  cli.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<number>((ok) => cli.once('exit', (code) => ok(code ?? 1)));
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1000) {
    let chunk = '';
    for (let j = i; j < Math.min(n, i + 1000); j++) {
      const s = synthetic(j);
      chunk += resp(['EVALSHA', sha, '0', ...assignArgs(base, s.id, idBucket(s.id), s.fp, s.meta, NEAR)]);
    }
    if (!cli.stdin.write(Buffer.from(chunk, 'latin1'))) await new Promise((ok) => cli.stdin.once('drain', ok));
    if (i % 200_000 === 0 && i) process.stderr.write(`  ${i} sent, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  cli.stdin.end();
  const code = await done;
  if (code !== 0 || !/errors: 0,/u.test(out)) throw new Error(`redis-cli --pipe failed: ${out.trim()}`);
}

await main();
