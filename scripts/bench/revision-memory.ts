/**
 * `npx tsx scripts/bench/revision-memory.ts [--n 1000]`
 * What one revision adds to Redis memory. The 13 fixture articles are extracted as stored (version 1) and as an
 * edited version 2 (a changed headline, one sentence reworded, a paragraph and a correction line added, entities
 * extracted again); N records cycle through them. Measures used_memory after storing the N first versions and after
 * storing N revisions through the store's save (the record rewritten, the :revs key, idx:revised), and MEMORY USAGE of
 * the keys. Uses REDIS_URL (under a scratch prefix, removed) or a private redis-server. Prints; writes nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import type { ArticleRecord } from '../../src/domain/types.js';
import { extractPage } from '../../src/extractors/index.js';
import { diffTexts } from '../../src/revisions/diff.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { encodeRevisions } from '../../src/store/revision-codec.js';
import { benchRedis, dropPrefix, usedMemory } from './redis.js';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { n: { type: 'string', default: '1000' } } });
const N = Number(values.n);
const BASE = 'http://127.0.0.1:4780';

/** Version 2 of a page's HTML: edits a reader would call a revision. */
function edited(html: string): string {
  let i = 0;
  return html
    .replace(/(<h1[^>]*>|<title>|og:title" content=")/gu, '$1Update: ')
    .replace(/<p>([^<]{80,}?)\. /u, (_m, s: string) => `<p>${s.replace(/ the /u, ' this ')}. `)
    .replace(/<\/p>(?![\s\S]*<\/p>)/u, () =>
      i++
        ? '</p>'
        : '</p>\n<p>Officials said on Tuesday that a review would follow, and a spokesman declined to comment further.</p>\n' +
          '<p>Correction: An earlier version of this article misstated a figure.</p>',
    );
}

const pagesDir = join(root, 'fixtures', 'pages');
const pages = readdirSync(pagesDir).flatMap((o) =>
  readdirSync(join(pagesDir, o))
    .filter((f) => f.endsWith('.html') && f !== 'index.html')
    .map((f) => `${o}/${f}`),
);
function record(path: string, html: string, id: string, fetchedAt: string): ArticleRecord | null {
  const url = `${BASE}/pages/${path}`;
  const r = extractPage({
    html: Buffer.from(html.replaceAll('{{BASE}}', BASE), 'latin1'),
    url,
    contentType: 'text/html',
    fetchedAt,
    feedTitle: null,
    feedPublishedAt: null,
  });
  if (!r.entities) return null;
  return {
    id,
    url,
    sourceUrl: url,
    feedId: 'bench',
    feedUrl: null,
    fetchedAt,
    storedAt: fetchedAt,
    article: r.article,
    entities: r.entities,
    storyId: null,
    validators: { etag: '"0123456789abcdef"', lastModified: null },
  };
}
const versions = pages.flatMap((path) => {
  const html = readFileSync(join(pagesDir, path), 'latin1');
  const v1 = record(path, html, 'x', '2026-01-01T00:00:00.000Z');
  const v2 = record(path, edited(html), 'x', '2026-01-01T03:00:00.000Z');
  return v1 && v2 && v1.article.text !== v2.article.text ? [{ path, v1, v2 }] : [];
});

const bench = await benchRedis();
const redis = new Redis(bench.url);
const prefix = `nfbench:revmem:${process.pid}:`;
const store = new ArticleStore(redis, prefix);
const idOf = (i: number) => i.toString(16).padStart(20, '0');
try {
  const m0 = await usedMemory(redis);
  for (let i = 0; i < N; i++) {
    const { v1 } = versions[i % versions.length]!;
    await store.save({ ...v1, id: idOf(i) }, { updatedMs: Date.parse(v1.fetchedAt), recheckAtMs: Date.parse(v1.fetchedAt) + 3600_000 });
  }
  const m1 = await usedMemory(redis);
  const recordBytes: number[] = [];
  for (let i = 0; i < N; i++) recordBytes.push(Number(await redis.memory('USAGE', store.keys.article(idOf(i)), 'SAMPLES', 0)));
  let diffJson = 0;
  for (let i = 0; i < N; i++) {
    const { v1, v2 } = versions[i % versions.length]!;
    const current = await store.getVersioned(idOf(i));
    const diff = diffTexts(v1.article.text, v2.article.text);
    diffJson += JSON.stringify(diff).length;
    const revisions = encodeRevisions([{ fetchedAt: v1.fetchedAt, modifiedAt: v1.article.modifiedAt, title: v1.article.title, diff }]);
    const at = Date.parse(v2.fetchedAt);
    const r = await store.save({ ...v2, id: idOf(i) }, { expectSha1: current!.sha1, revisions, revisedAtMs: at, recheckAtMs: at + 3600_000 });
    if (r.conflict) throw new Error('conflict');
  }
  const m2 = await usedMemory(redis);
  let revsBytes = 0;
  let revsLen = 0;
  let recordAfter = 0;
  for (let i = 0; i < N; i++) {
    revsBytes += Number(await redis.memory('USAGE', store.keys.articleRevisions(idOf(i)), 'SAMPLES', 0));
    revsLen += Number(await redis.strlen(store.keys.articleRevisions(idOf(i))));
    recordAfter += Number(await redis.memory('USAGE', store.keys.article(idOf(i)), 'SAMPLES', 0));
  }
  const zsetPer = async (key: string) => {
    const n = await redis.zcard(key);
    return n ? `${(Number(await redis.memory('USAGE', key, 'SAMPLES', 0)) / n).toFixed(0)} B` : 'none written';
  };
  const avg = (x: number) => (x / N).toFixed(0);
  console.log(`${N} articles cycling through ${versions.length} fixture pages, each revised once (redis ${bench.private ? 'private' : 'REDIS_URL'})`);
  console.log(`used_memory per article, first version (record, names, indexes, re-check entry): ${avg(m1 - m0)} B`);
  console.log(`used_memory added per revision (all of it):                                             ${avg(m2 - m1)} B`);
  console.log(
    `  MEMORY USAGE of the :revs key:                ${avg(revsBytes)} B ` +
      `(value ${avg(revsLen)} B: brotli of ${avg(diffJson)} B of diff JSON + title and times)`,
  );
  console.log(
    `  record before → after (MEMORY USAGE):         ${avg(recordBytes.reduce((a, b) => a + b, 0))} → ${avg(recordAfter)} B (the new text is longer)`,
  );
  console.log(`  idx:revised entry (MEMORY USAGE / members):   ${await zsetPer(store.keys.byRevised)}`);
  console.log(`re-check schedule entry while an article is on it (MEMORY USAGE / members): ${await zsetPer(store.keys.recheck)}`);
  console.log(`idx:updated entries (only for a source time later than the fetch): ${await zsetPer(store.keys.byUpdated)}`);
} finally {
  await dropPrefix(redis, prefix);
  await redis.quit();
  await bench.stop();
}
