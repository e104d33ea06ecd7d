/**
 * Revisions in the store, on a real Redis: a new version is saved with its previous ones under a compare-and-set,
 * leaves with its article (removal, doctor, archive), and unreadable versions are found and removed alone. The
 * re-check schedule: steps, late sweeps, the last step, a revision re-arming it, and idempotent sweeps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runArchive } from '../../src/archive/archiver.js';
import { loadConfig } from '../../src/config.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { diffTexts } from '../../src/revisions/diff.js';
import { removeArticles } from '../../src/store/article-remove.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { advanceRechecks, dueRechecks } from '../../src/store/recheck.js';
import { encodeRevisions } from '../../src/store/revision-codec.js';
import { checkStore, repairStore } from '../../src/store/store-check.js';
import { sweepRechecks } from '../../src/workers/recheck-sweep.js';
import { assignStory } from '../../src/dedup/index.js';
import { dedupInputOf } from '../../src/workers/dedup-worker.js';
import { body, record } from '../archive/_records.js';
import { scratchSpace } from '../helpers/redis.js';

const scratch = scratchSpace();
const { redis } = scratch;

function setup() {
  const prefix = scratch.prefix('revs');
  return { prefix, store: new ArticleStore(redis, prefix) };
}

const H = 3600_000;
const T0 = Date.parse('2026-02-10T08:00:00.000Z');
const ID = 'b0000000000000000001';

/** Store version 1 (naming Ann Lee) and version 2 (naming Bo Chen instead) as the article worker does. */
async function twoVersions(store: ArticleStore) {
  const v1 = record(ID, { storedAt: new Date(T0).toISOString(), people: ['Ann Lee'], text: 'First line. Ann Lee spoke.' });
  await store.save(v1, { recheckAtMs: T0 + H });
  const v2 = { ...record(ID, { storedAt: new Date(T0 + 2 * H).toISOString(), people: ['Bo Chen'], text: 'First line. Bo Chen spoke.' }) };
  const current = await store.getVersioned(ID);
  const revisions = encodeRevisions([
    { fetchedAt: v1.fetchedAt, modifiedAt: null, title: v1.article.title, diff: diffTexts(v1.article.text, v2.article.text) },
  ]);
  const saved = await store.save(v2, { expectSha1: current!.sha1, revisions, revisedAtMs: T0 + 2 * H, recheckAtMs: T0 + 3 * H });
  return { v1, v2, saved, sha1: current!.sha1 };
}

describe('versions in the store', () => {
  it('a new version moves the indexes, keeps the previous one, and re-arms the re-check', async () => {
    const { prefix, store } = setup();
    const { saved } = await twoVersions(store);
    expect(saved).toEqual({ created: false, dedupDue: false });
    const got = await store.getVersioned(ID);
    expect(got!.record.article.text).toBe('First line. Bo Chen spoke.');
    expect(got!.revisions.map((r) => r.diff)).toEqual([[2, -1, 'Ann Lee spoke.']]);
    expect(await redis.sismember(`${prefix}idx:person:ann lee`, ID)).toBe(0);
    expect(await redis.sismember(`${prefix}idx:person:bo chen`, ID)).toBe(1);
    expect(Number(await redis.zscore(`${prefix}idx:revised`, ID))).toBe(T0 + 2 * H);
    expect(Number(await redis.zscore(`${prefix}recheck`, ID))).toBe(T0 + 3 * H);
  });

  it('a save against a version no longer stored writes nothing', async () => {
    const { prefix, store } = setup();
    const { v1, sha1 } = await twoVersions(store);
    const before = await redis.getBuffer(`${prefix}article:${ID}`);
    const late = await store.save(v1, { expectSha1: sha1, revisions: encodeRevisions([]), revisedAtMs: T0 + 9 * H });
    expect(late).toEqual({ created: false, dedupDue: false, conflict: true });
    expect(await redis.getBuffer(`${prefix}article:${ID}`)).toEqual(before);
    expect(Number(await redis.zscore(`${prefix}idx:revised`, ID))).toBe(T0 + 2 * H);
  });

  it('removal takes the versions, idx:revised, idx:updated and the re-check entry along', async () => {
    const { prefix, store } = setup();
    await twoVersions(store);
    await store.markUpdated(ID, T0 + 5 * H);
    await removeArticles(redis, prefix, [ID]);
    // left: the feeds set and display names, as for any removal
    expect((await redis.keys(`${prefix}*`)).map((k) => k.slice(prefix.length)).sort()).toEqual(['feeds', 'names:person']);
  });

  it('doctor removes unreadable versions alone, and a record with its versions when the record is corrupt', async () => {
    const { prefix, store } = setup();
    await twoVersions(store);
    await redis.set(`${prefix}article:${ID}:revs`, Buffer.from([0x02, 1, 2, 3]));
    const report = await checkStore(redis, prefix);
    expect(report.problems.map((p) => [p.id, p.kind])).toEqual([[ID, 'corrupt-revisions']]);
    expect(await repairStore(redis, prefix, report.problems)).toEqual([ID]);
    expect(await redis.exists(`${prefix}article:${ID}:revs`)).toBe(0);
    expect((await store.getVersioned(ID))!.revisions).toEqual([]);
    await redis.set(`${prefix}article:${ID}:revs`, encodeRevisions([]));
    await redis.set(`${prefix}article:${ID}`, 'garbage');
    const second = await checkStore(redis, prefix);
    await repairStore(redis, prefix, second.problems);
    expect(await redis.exists(`${prefix}article:${ID}:revs`, `${prefix}recheck`, `${prefix}idx:revised`)).toBe(0);
  });

  it("the archive keeps the previous versions in the archived line and forgets the fingerprint dedup holds (the first version's)", async () => {
    const { prefix, store } = setup();
    const dir = scratch.dir('revs-archive');
    const text = (who: string) => `${body(3)} ${who} spoke at length about the harbour.`;
    const v1 = record(ID, { storedAt: new Date(T0).toISOString(), text: text('Ann Lee') });
    await store.save(v1);
    await assignStory(redis, prefix, dedupInputOf(v1), { storyKeys: store.keys.articleStoryParts });
    const postings = async () => (await redis.keys(`${prefix}dedup:*`)).length;
    const withFingerprint = await postings();
    const v2 = record(ID, { storedAt: new Date(T0 + H).toISOString(), text: `${text('Bo Chen')} A paragraph was added.` });
    const current = await store.getVersioned(ID);
    const revisions = encodeRevisions([
      { fetchedAt: v1.fetchedAt, modifiedAt: null, title: v1.article.title, diff: diffTexts(v1.article.text, v2.article.text) },
    ]);
    await store.save(v2, { expectSha1: current!.sha1, revisions, revisedAtMs: T0 + H });
    const report = await runArchive(redis, prefix, { dir, beforeMs: Date.parse('2026-03-01T00:00:00Z') });
    expect(report.fingerprintsForgotten).toBe(1);
    const line = JSON.parse(
      gunzipSync(readFileSync(join(dir, '2026-02-10.ndjson.gz')))
        .toString('utf8')
        .trim(),
    ) as { revisions: unknown[] };
    expect(line.revisions).toHaveLength(1);
    expect(await redis.keys(`${prefix}article:*`)).toEqual([]);
    // every posting the first version's fingerprint made is gone (a later version's text would leave them behind)
    expect(withFingerprint).toBeGreaterThan(3);
    expect(await redis.keys(`${prefix}dedup:x:*`)).toEqual([]);
  });
});

describe('the re-check schedule', () => {
  const offsets = [1 * H, 6 * H, 24 * H];

  it('steps 1 h, 6 h, 24 h after first stored, skips steps a late sweep missed, and ends', async () => {
    const { prefix, store } = setup();
    await store.save(record(ID, { storedAt: new Date(T0).toISOString() }), { recheckAtMs: T0 + H });
    const step = async (now: number) => {
      const due = await dueRechecks(redis, prefix, now, 10);
      await advanceRechecks(redis, prefix, offsets, now, due);
      const next = await redis.zscore(`${prefix}recheck`, ID);
      return [due.map((d) => (d.dueMs - T0) / H), next === null ? null : (Number(next) - T0) / H];
    };
    expect(await step(T0 + 0.5 * H)).toEqual([[], 1]);
    expect(await step(T0 + 1.2 * H)).toEqual([[1], 6]);
    expect(await step(T0 + 30 * H)).toEqual([[6], null]);
  });

  it('a revision restarts the steps from its time', async () => {
    const { prefix, store } = setup();
    await twoVersions(store);
    const due = await dueRechecks(redis, prefix, T0 + 3 * H, 10);
    await advanceRechecks(redis, prefix, offsets, T0 + 3 * H, due);
    expect((Number(await redis.zscore(`${prefix}recheck`, ID)) - T0) / H).toBe(8);
  });

  it('sweeps add one re-fetch job per due entry, however many workers sweep', async () => {
    const { prefix, store } = setup();
    const config = { ...loadConfig({ NEWSFLOW_PREFIX: prefix }), recheckMs: offsets };
    const queues = openQueues(redis, config.prefix);
    try {
      await store.save(record(ID, { storedAt: new Date(T0).toISOString() }), { recheckAtMs: T0 + H });
      const now = T0 + 2 * H;
      // two sweeps reading the same due entry before either advances it
      const [a, b] = await Promise.all([sweepRechecks({ redis, config, queues }, now), sweepRechecks({ redis, config, queues }, now)]);
      expect(a + b).toBeGreaterThanOrEqual(1);
      const jobs = await queues.articles.getJobs(['waiting', 'prioritized']);
      expect(jobs.map((j) => [j.name, j.id, j.data])).toEqual([['refetch', `${ID}-r${T0 + H}`, { articleId: ID, reason: 'recheck', updatedAt: null }]]);
      expect((Number(await redis.zscore(`${prefix}recheck`, ID)) - T0) / H).toBe(6);
    } finally {
      await closeQueues(queues);
    }
  });
});
