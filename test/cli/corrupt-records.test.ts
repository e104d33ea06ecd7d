/**
 * Issue 24, item 5: one corrupt record is isolated. `results` and `export` skip it with a warning on stderr naming it
 * and carry on; `show` says what is wrong; `export --out FILE` goes through a temporary file; `newsflow doctor` lists
 * (--dry-run) and removes corrupt records, index entries without a record, and the record's entity index entries;
 * `show 7764e7` for an id whose record is gone says so (it said "give at least 4 characters").
 * In-process CLI and one real process against the test redis-server.
 */
import { brotliCompressSync } from 'node:zlib';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileWriter } from '../../src/cli/output-stream.js';
import type { ArticleRecord } from '../../src/domain/types.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { checkStore, repairStore } from '../../src/store/store-check.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { cli, cliProcess } from './harness.js';
import { testArticle } from '../helpers/article.js';

const prefix = `${uniquePrefix('corrupt')}:`;
const redis = testRedis();
const store = new ArticleStore(redis, prefix);
const dir = mkdtempSync(join(tmpdir(), 'newsflow-corrupt-'));
const json = <T>(s: string): T => JSON.parse(s) as T;

const GOOD = ['a1a1a1a1a1a1a1a1a1a1', 'b2b2b2b2b2b2b2b2b2b2'];
const GARBAGE = 'c3c3c3c3c3c3c3c3c3c3';
const NO_ARTICLE = 'd4d4d4d4d4d4d4d4d4d4';
const GONE = '7764e7aaaaaaaaaaaaaa';

function record(id: string, day: number, company: string): ArticleRecord {
  const at = `2020-09-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  const text = `${company} said on Monday that it would buy the unit.`;
  return {
    id,
    url: `https://news.example/${id}`,
    sourceUrl: `https://news.example/${id}`,
    feedId: 'f',
    feedUrl: null,
    fetchedAt: at,
    storedAt: at,
    storyId: null,
    article: testArticle({ title: `About ${company} ${id.slice(0, 4)}`, publishedAt: at, text }),
    entities: {
      people: [],
      organizations: [{ name: company, kind: 'company', mentions: [{ start: 0, end: company.length, text: company }] } as never],
      dates: [],
      quotes: [],
    },
  };
}

beforeAll(async () => {
  process.env.NEWSFLOW_PREFIX = prefix;
  process.env.LOG_LEVEL = 'silent';
  await store.save(record(GOOD[0]!, 10, 'Oracle'));
  await store.save(record(GOOD[1]!, 12, 'Oracle'));
  // saved well, then its bytes replaced with garbage (its entity memberships and indexes stay)
  await store.save(record(GARBAGE, 14, 'Oracle'));
  await redis.set(store.keys.article(GARBAGE), Buffer.concat([Buffer.of(0x02), Buffer.from('definitely not brotli')]));
  // plain JSON holding an id and no article
  await store.save(record(NO_ARTICLE, 11, 'Initech'));
  await redis.set(store.keys.article(NO_ARTICLE), Buffer.concat([Buffer.of(0x02), brotliCompressSync(JSON.stringify({ id: NO_ARTICLE }))]));
  // an index entry whose record is gone
  await store.save(record(GONE, 13, 'Globex'));
  await redis.del(store.keys.article(GONE));
});

afterAll(async () => {
  delete process.env.NEWSFLOW_PREFIX;
  await dropPrefix(redis, prefix);
  await redis.quit();
  rmSync(dir, { recursive: true, force: true });
});

const WARN_GARBAGE = new RegExp(
  `warning: skipped article ${GARBAGE}: its stored record is corrupt \\(its 22 bytes do not decompress as brotli \\([^)]*\\)\\); \`newsflow doctor\` ` +
    `removes it\\n`,
  'u',
);
const WARN_NO_ARTICLE = new RegExp(`warning: skipped article ${NO_ARTICLE}: its stored record is corrupt \\(no article\\)`, 'u');

describe('a corrupt record', () => {
  it('results skips it, names it on stderr and lists the rest', async () => {
    const r = await cli(testRedisUrl(), 'results', '--json');
    expect(r.code, r.err).toBe(0);
    expect(json<{ results: Array<{ id: string }> }>(r.out).results.map((x) => x.id)).toEqual([GOOD[1], GOOD[0]]);
    expect(r.err).toMatch(WARN_GARBAGE);
    expect(r.err).toMatch(WARN_NO_ARTICLE);
    const text = await cli(testRedisUrl(), 'results', '--company', 'oracle', '--text', 'unit');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain(GOOD[0]!.slice(0, 10));
    expect(text.err).toMatch(WARN_GARBAGE);
  });

  it('export skips it too, to stdout and to --out (written through a temporary file)', async () => {
    const r = await cli(testRedisUrl(), 'export');
    expect(r.code, r.err).toBe(0);
    expect(
      r.out
        .trim()
        .split('\n')
        .map((l) => json<{ id: string }>(l).id),
    ).toEqual([GOOD[1], GOOD[0]]);
    expect(r.err).toMatch(WARN_GARBAGE);
    expect(r.err).toMatch(/exported 2 article\(s\) \(ndjson\); skipped 2 corrupt record\(s\)/u);
    const out = join(dir, 'out.csv');
    writeFileSync(out, 'the previous export\n');
    const f = await cli(testRedisUrl(), 'export', '--out', out, '--json');
    expect(f.code, f.err).toBe(0);
    expect(json(f.out)).toEqual({ format: 'csv', out, written: 2, skipped: 2 });
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('show says what is wrong', async () => {
    const g = await cli(testRedisUrl(), 'show', GARBAGE.slice(0, 8));
    expect(g.code).toBe(1);
    expect(g.err).toMatch(
      new RegExp(
        `^newsflow: article ${GARBAGE} is stored, but its record is corrupt: its 22 bytes do not decompress as brotli .*\`newsflow doctor\` lists and ` +
          `removes such records\\n$`,
        'u',
      ),
    );
    const n = await cli(testRedisUrl(), 'show', NO_ARTICLE, '--json');
    expect(n.code).toBe(1);
    expect(n.err).toMatch(/is stored, but its record is corrupt: no article\./u);
    const gone = await cli(testRedisUrl(), 'show', '7764e7');
    expect(gone.code).toBe(1);
    expect(gone.err).toBe(
      `newsflow: article ${GONE} is listed in the indexes, but no record is stored for it. \`newsflow doctor\` removes such index entries\n`,
    );
    const short = await cli(testRedisUrl(), 'show', '776');
    expect([short.code, short.err]).toEqual([2, expect.stringMatching(/give at least 4 characters of the id \(did you mean 7764e7aaaa\?\)/u)]);
    const none = await cli(testRedisUrl(), 'show', 'eeee');
    expect([none.code, none.err]).toEqual([1, expect.stringMatching(/no stored article with id "eeee"/u)]);
  });

  it('results as a process: exit 0 and warnings, no stack', async () => {
    const r = await cliProcess(['results'], { REDIS_URL: testRedisUrl(), NEWSFLOW_PREFIX: prefix });
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(WARN_GARBAGE);
    expect(r.err).not.toMatch(/\n\s+at |Decompression failed\n/u);
  });

  it('doctor --dry-run lists, doctor removes the records and their index entries', async () => {
    const dry = await cli(testRedisUrl(), 'doctor', '--dry-run', '--json');
    expect(dry.code).toBe(1);
    const found = json<{ records: number; indexed: number; dryRun: boolean; problems: Array<{ id: string; kind: string; reason: string }>; removed: string[] }>(
      dry.out,
    );
    expect(found).toMatchObject({ records: 4, indexed: 5, dryRun: true, removed: [] });
    expect(found.problems.map((p) => `${p.id} ${p.kind}`).sort()).toEqual([`${GONE} missing`, `${GARBAGE} corrupt`, `${NO_ARTICLE} corrupt`]);
    expect(await redis.exists(store.keys.article(GARBAGE))).toBe(1);

    const table = await cli(testRedisUrl(), 'doctor', '--dry-run');
    expect(table.out).toMatch(new RegExp(`${GARBAGE}\\s+corrupt\\s+none \\(--dry-run\\)`, 'u'));
    expect(table.out).toMatch(/3 problem\(s\); remove them with: newsflow doctor\n$/u);

    const fix = await cli(testRedisUrl(), 'doctor', '--json');
    expect(fix.code, fix.err).toBe(0);
    expect(json<{ removed: string[] }>(fix.out).removed.sort()).toEqual([GONE, GARBAGE, NO_ARTICLE].sort());
    for (const id of [GARBAGE, NO_ARTICLE, GONE]) {
      expect(await redis.exists(store.keys.article(id), store.keys.articleNames(id))).toBe(0);
      expect(await redis.zscore(store.keys.byTime, id)).toBeNull();
      expect(await redis.zscore(store.keys.byStored, id)).toBeNull();
      expect(await redis.zscore(store.keys.byFeed('f'), id)).toBeNull();
    }
    expect((await redis.smembers(store.keys.entity('company', 'oracle'))).sort()).toEqual([...GOOD].sort());
    expect(await redis.zscore(store.keys.rank('company'), 'oracle')).toBe('2');
    expect(await redis.zscore(store.keys.rank('company'), 'initech')).toBeNull();

    const again = await cli(testRedisUrl(), 'doctor');
    expect([again.code, again.out]).toEqual([0, 'checked 2 stored record(s) and 2 indexed id(s)\nno problems found\n']);
    const results = await cli(testRedisUrl(), 'results', '--json');
    expect([results.code, results.err]).toEqual([0, '']);
  });

  it('doctor keeps a record a worker rewrote since the check', async () => {
    const id = 'e5e5e5e5e5e5e5e5e5e5';
    await store.save(record(id, 15, 'Oracle'));
    await redis.set(store.keys.article(id), 'garbage');
    const report = await checkStore(redis, prefix);
    expect(report.problems.map((p) => p.id)).toEqual([id]);
    await store.save(record(id, 15, 'Oracle'));
    expect(await repairStore(redis, prefix, report.problems)).toEqual([]);
    expect((await store.get(id))?.id).toBe(id);
  });
});

describe('export --out through a temporary file', () => {
  it('leaves FILE as it was until the end, and untouched when aborted', async () => {
    const out = join(dir, 'keep.ndjson');
    writeFileSync(out, 'old\n');
    const w = await fileWriter(out);
    await w.write('new line\n');
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    await w.abort();
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    expect(readdirSync(dir).filter((n) => n.startsWith('.keep'))).toEqual([]);
    const w2 = await fileWriter(out);
    await w2.write('new line\n');
    await w2.end();
    expect(readFileSync(out, 'utf8')).toBe('new line\n');
    expect(existsSync(out)).toBe(true);
  });
});
