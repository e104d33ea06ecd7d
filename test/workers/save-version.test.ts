/**
 * saveVersion on a real Redis: a first fetch stores a new record (or rewrites the same one, as a retry did); a
 * re-fetch with the same text and title writes nothing; a changed one becomes a new version with the previous kept.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { saveVersion } from '../../src/workers/save-version.js';
import { record } from '../archive/_records.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';

const redis = testRedis();
const prefix = `${uniquePrefix('savever')}:`;
const queues = openQueues(redis, prefix);
afterAll(async () => {
  await closeQueues(queues);
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const T = '2026-02-10T08:00:00.000Z';
const deps = {
  redis,
  config: { ...loadConfig({ NEWSFLOW_PREFIX: prefix }), dedupBatchDelayMs: 50 },
  queues,
  store: new ArticleStore(redis, prefix),
  log: createLogger('silent'),
  now: () => new Date(T),
};

describe('saveVersion', () => {
  it.each([
    ['a first fetch of a new article', 'c0000000000000000001', [], { text: 'One.' }, true, 'created', 0],
    ['a first fetch finding the same record (a retry)', 'c0000000000000000002', [{ text: 'One.' }], { text: 'One.' }, true, 'rewritten', 0],
    ['a first fetch finding other text', 'c0000000000000000003', [{ text: 'One.' }], { text: 'One. Two.' }, true, 'revised', 1],
    ['a re-fetch with the same text and title', 'c0000000000000000004', [{ text: 'One.' }], { text: 'One.' }, false, 'unchanged', 0],
    ['a re-fetch with other text', 'c0000000000000000005', [{ text: 'One.' }], { text: 'One. Two.' }, false, 'revised', 1],
    ['a second change', 'c0000000000000000006', [{ text: 'One.' }, { text: 'One. Two.' }], { text: 'Two.' }, false, 'revised', 2],
  ] as const)('%s', async (_name, id, before, now, first, outcome, versions) => {
    for (const v of before) await saveVersion(deps, record(id, { storedAt: T, text: v.text }), { updatedMs: null, rewriteUnchanged: false });
    const raw = await redis.getBuffer(`${prefix}article:${id}`);
    expect(await saveVersion(deps, record(id, { storedAt: T, text: now.text }), { updatedMs: null, rewriteUnchanged: first })).toBe(outcome);
    const got = await deps.store.getVersioned(id);
    expect(got!.record.article.text).toBe(now.text);
    expect(got!.revisions).toHaveLength(versions);
    if (outcome === 'unchanged') expect(await redis.getBuffer(`${prefix}article:${id}`)).toEqual(raw);
  });
});
