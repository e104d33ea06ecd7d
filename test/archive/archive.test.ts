/**
 * Retention on a real Redis: old records leave Redis with every key that references them, land once in their day
 * file, and their dedup fingerprints expire (a later copy starts a new story); a re-run writes nothing twice.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { takeArchiveLock } from '../../src/archive/archive-lock.js';
import { retentionCutoff, runArchive } from '../../src/archive/archiver.js';
import { assignStory, getStory } from '../../src/dedup/index.js';
import type { ArticleRecord } from '../../src/domain/types.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { dedupInputOf } from '../../src/workers/dedup-worker.js';
import { scratchSpace } from '../helpers/redis.js';
import { body, record } from './_records.js';

const scratch = scratchSpace();
const { redis } = scratch;

function setup() {
  const prefix = scratch.prefix('archive');
  const dir = scratch.dir('archive');
  return { prefix, store: new ArticleStore(redis, prefix), dir };
}

async function keysOf(prefix: string): Promise<string[]> {
  return (await redis.keys(`${prefix}*`)).map((k) => k.slice(prefix.length)).sort();
}

function archived(dir: string, day: string): ArticleRecord[] {
  return gunzipSync(readFileSync(join(dir, `${day}.ndjson.gz`)))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ArticleRecord);
}

async function assign(prefix: string, store: ArticleStore, r: ArticleRecord) {
  return assignStory(redis, prefix, dedupInputOf(r), { storyKeys: store.keys.articleStoryParts });
}

const BEFORE = Date.parse('2026-03-01T00:00:00Z');

describe('runArchive', () => {
  it('moves records stored before the cutoff, with every index entry, to the day file they were stored on', async () => {
    const { prefix, store, dir } = setup();
    const old1 = record('a0000000000000000001', { storedAt: '2026-02-10T08:00:00.000Z', companies: ['Oracle'], people: ['Ann Lee'], feed: 'f1' });
    const old2 = record('a0000000000000000002', { storedAt: '2026-02-11T09:00:00.000Z', companies: ['Oracle', 'Walmart'], feed: 'f2' });
    const fresh = record('a0000000000000000003', { storedAt: '2026-03-02T09:00:00.000Z', companies: ['Oracle'], feed: 'f1' });
    const before = await keysOf(prefix);
    await store.save(fresh);
    const freshKeys = await keysOf(prefix);
    for (const r of [old1, old2]) await store.save(r);
    await store.addToFeed(old1.id, 'f2', null);
    await store.setStory(old1.id, 's-x');

    const report = await runArchive(redis, prefix, { dir, beforeMs: BEFORE });
    expect(report).toMatchObject({
      candidates: 2,
      moved: 2,
      alreadyArchived: 0,
      files: [
        { day: '2026-02-10', records: 1 },
        { day: '2026-02-11', records: 1 },
      ],
    });
    // every key the old records touched is gone or back to what the fresh record alone makes
    expect(before).toEqual([]);
    expect((await keysOf(prefix)).filter((k) => !k.startsWith('inbox:') && k !== 'feeds')).toEqual(
      freshKeys.filter((k) => !k.startsWith('inbox:') && k !== 'feeds'),
    );
    expect(await redis.zrange(`${prefix}rank:company`, '0', '-1', 'WITHSCORES')).toEqual(['oracle', '1']);
    expect(await redis.hgetall(`${prefix}names:company`)).toEqual({ oracle: 'Oracle' });
    expect(await redis.zrange(`${prefix}idx:feed:f2`, '0', '-1')).toEqual([]);
    expect(await store.count()).toBe(1);
    expect(archived(dir, '2026-02-10')).toEqual([{ ...old1, storyId: 's-x' }]);
    expect(archived(dir, '2026-02-11')).toEqual([old2]);
    expect(readdirSync(dir).sort()).toEqual(['2026-02-10.ids', '2026-02-10.ndjson.gz', '2026-02-11.ids', '2026-02-11.ndjson.gz']);
  });

  it('a dry run counts per day file and changes nothing', async () => {
    const { prefix, store, dir } = setup();
    for (let i = 0; i < 5; i++) await store.save(record(`b000000000000000000${i}`, { storedAt: `2026-02-0${1 + (i % 2)}T10:00:00.000Z` }));
    const report = await runArchive(redis, prefix, { dir, beforeMs: BEFORE, dryRun: true, batchSize: 2 });
    expect(report).toMatchObject({
      dryRun: true,
      candidates: 5,
      moved: 5,
      files: [
        { day: '2026-02-01', records: 3 },
        { day: '2026-02-02', records: 2 },
      ],
    });
    expect(await store.count()).toBe(5);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a re-run after records were archived but not removed only removes them', async () => {
    const { prefix, store, dir } = setup();
    const rs = [0, 1, 2].map((i) => record(`c000000000000000000${i}`, { storedAt: '2026-02-05T10:00:00.000Z' }));
    for (const r of rs) await store.save(r);
    await runArchive(redis, prefix, { dir, beforeMs: BEFORE });
    for (const r of rs) await store.save(r); // as if the delete never happened
    const again = await runArchive(redis, prefix, { dir, beforeMs: BEFORE });
    expect(again).toMatchObject({ moved: 0, alreadyArchived: 3 });
    expect(archived(dir, '2026-02-05').map((r) => r.id)).toEqual(rs.map((r) => r.id));
    expect(await store.count()).toBe(0);
  });

  it('fingerprints expire with their records: a later copy starts a new story; a story losing its root keeps the rest', async () => {
    const { prefix, store, dir } = setup();
    const text = body(1);
    const a = record('d0000000000000000001', { storedAt: '2026-02-01T10:00:00.000Z', text, url: 'https://one.test/a' });
    const b = record('d0000000000000000002', { storedAt: '2026-03-05T10:00:00.000Z', text, url: 'https://two.test/b' });
    const c = record('d0000000000000000003', { storedAt: '2026-03-06T10:00:00.000Z', text, url: 'https://three.test/c' });
    const lone = record('d0000000000000000004', { storedAt: '2026-02-01T11:00:00.000Z', text: body(2), url: 'https://one.test/lone' });
    for (const r of [a, b, c, lone]) {
      await store.save(r);
      await assign(prefix, store, r);
    }
    expect((await getStory(redis, prefix, `s-${a.id}`))?.copies.length).toBe(3);

    const report = await runArchive(redis, prefix, { dir, beforeMs: BEFORE });
    expect(report).toMatchObject({ moved: 2, fingerprintsForgotten: 2 });
    expect(await getStory(redis, prefix, `s-${a.id}`)).toBeNull();
    const rest = await getStory(redis, prefix, `s-${b.id}`);
    expect(rest?.copies.map((x) => x.articleId).sort()).toEqual([b.id, c.id]);
    expect((await store.get(c.id))?.storyId).toBe(`s-${b.id}`);
    expect(archived(dir, '2026-02-01').find((r) => r.id === a.id)?.storyId).toBe(`s-${a.id}`);

    // a copy of the expired lone article arriving later: nothing to match, a new story
    const late = record('d0000000000000000005', { storedAt: '2026-03-07T10:00:00.000Z', text: body(2), url: 'https://one.test/lone' });
    await store.save(late);
    expect((await assign(prefix, store, late)).isNew).toBe(true);
    // a copy of the story still in Redis joins it
    const d = record('d0000000000000000006', { storedAt: '2026-03-07T10:00:00.000Z', text, url: 'https://four.test/d' });
    await store.save(d);
    expect((await assign(prefix, store, d)).storyId).toBe(`s-${b.id}`);
    // no dedup key mentions the forgotten seqs' ids any more
    const copies = await redis.keys(`${prefix}dedup:c:*`);
    const all = (await Promise.all(copies.map((k) => redis.hvals(k)))).flat().join('\n');
    expect(all).not.toContain(a.id);
    expect(all).not.toContain(lone.id);
  });

  it('one run at a time: a second run while one holds the lock is ARCHIVE_BUSY and changes nothing', async () => {
    const { prefix, store, dir } = setup();
    await store.save(record('g0000000000000000001', { storedAt: '2026-02-05T10:00:00.000Z' }));
    const held = await takeArchiveLock(redis, prefix);
    try {
      await expect(runArchive(redis, prefix, { dir, beforeMs: BEFORE })).rejects.toMatchObject({ code: 'ARCHIVE_BUSY' });
      expect(await store.count()).toBe(1);
    } finally {
      await held.release();
    }
    expect((await runArchive(redis, prefix, { dir, beforeMs: BEFORE })).moved).toBe(1);
  });

  it('holds back recent records dedup has not seen yet (a late dedup job would leave keys behind)', async () => {
    const { prefix, store, dir } = setup();
    const hour = 3600 * 1000;
    const waiting = record('h0000000000000000001', { storedAt: new Date(Date.now() - 2 * hour).toISOString() });
    const deduped = record('h0000000000000000002', { storedAt: new Date(Date.now() - 2 * hour).toISOString() });
    const old = record('h0000000000000000003', { storedAt: '2026-02-05T10:00:00.000Z' });
    for (const r of [old, waiting, deduped]) await store.save(r);
    await store.setStory(deduped.id, 's-x');
    const report = await runArchive(redis, prefix, { dir, beforeMs: Date.now(), batchSize: 1 });
    expect(report).toMatchObject({ candidates: 3, moved: 2, heldBack: 1 });
    expect((await store.list()).map((r) => r.id)).toEqual([waiting.id]);
  });

  it('the default cutoff is the start of the UTC day, NEWSFLOW_RETAIN_DAYS before', () => {
    expect(new Date(retentionCutoff(Date.parse('2026-06-01T15:30:00Z'), 90)).toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });
});
