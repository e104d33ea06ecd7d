/**
 * Revisions end to end: the bundled fixtures replayed on a real redis-server through a real HTTP server on
 * 127.0.0.1; then the coral story's second version (fixtures/versions/v2: new headline, an added paragraph, a
 * correction; its feed entry's <updated> moves on) is served and the feeds polled again; then, with no change,
 * every article's re-check falls due (NEWSFLOW_RECHECK=2d,4d). Fixed clocks: 2020-09-21, 09-22 14:00, 09-25.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { articleId } from '../../src/queues/job-ids.js';
import { replay, type ReplaySummary } from '../../src/replay/replay.js';
import { applyDiff, changeOf } from '../../src/revisions/diff.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { canonicalizeUrl } from '../../src/url/canonical.js';
import { freePort, testConfig } from '../helpers/pipeline.js';
import { dropPrefix, testRedis } from '../helpers/redis.js';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'fixtures');
const V2 = resolve(FIXTURES, 'versions', 'v2');
const at = (iso: string) => () => new Date(iso);

/** A digest of every stored key's value, but the re-check schedule (a re-check moves its entry on) and feed poll state. */
async function storeDigest(redis: Redis, p: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${p}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const rest = key.slice(p.length);
      if (/^(bull:|feed:|recheck$|robots:|host:|inbox:|cli:|holding)/u.test(rest)) continue;
      const dump = await redis.dumpBuffer(key);
      out.set(
        rest,
        createHash('sha1')
          .update(dump ?? '')
          .digest('hex'),
      );
    }
  } while (cursor !== '0');
  return out;
}

describe('a changed page becomes a revision; an unchanged one costs a 304', () => {
  const redis = testRedis();
  let config: Config;
  let port: number;
  let runs: ReplaySummary[];
  let before3: Map<string, string>;
  let after3: Map<string, string>;
  let rechecksDue: number;

  beforeAll(async () => {
    // why two days: the second run (a day and a half on) finds no re-check due, the third finds every article's
    config = testConfig('revisions', { NEWSFLOW_RECHECK: '2d,4d' });
    port = await freePort();
    const opts = { dir: FIXTURES, port, timeoutMs: 90_000 };
    const first = await replay(redis, config, silentLogger(), { ...opts, now: at('2020-09-21T00:00:00Z') });
    const second = await replay(redis, config, silentLogger(), { ...opts, overlay: V2, now: at('2020-09-22T14:00:00Z') });
    before3 = await storeDigest(redis, config.prefix);
    rechecksDue = await redis.zcount(`${config.prefix}recheck`, '-inf', Date.parse('2020-09-25T00:00:00Z'));
    const third = await replay(redis, config, silentLogger(), { ...opts, overlay: V2, now: at('2020-09-25T00:00:00Z') });
    after3 = await storeDigest(redis, config.prefix);
    runs = [first, second, third];
  }, 240_000);

  afterAll(async () => {
    await dropPrefix(redis, config.prefix);
    await redis.quit();
  });

  const coralId = () => articleId(canonicalizeUrl(`http://127.0.0.1:${port}/pages/northfold-courier/coral-heat-study.html`)!);

  it('the second run re-fetches the one page its feed says changed and stores one revision', async () => {
    const [first, second] = runs;
    expect(first!.timedOut).toBe(false);
    expect(second!.timedOut).toBe(false);
    expect(second!.storedNew).toBe(0);
    expect(second!.refetched).toEqual({ revised: 1, unchanged: 0, notModified: 0 });
    expect(await redis.zrange(`${config.prefix}idx:revised`, '0', '-1')).toEqual([coralId()]);
  });

  it('keeps the previous version as a diff with its title and times; the record is the new version', async () => {
    const store = new ArticleStore(redis, config.prefix);
    const versioned = await store.getVersioned(coralId());
    const record = versioned!.record;
    expect(record.article.title).toBe('Coral Survivors Pass Heat Resistance to Their Young, Study Finds');
    expect(record.article.modifiedAt).toBe('2020-09-22T09:05:00-04:00');
    expect(record.fetchedAt).toBe('2020-09-22T14:00:00.000Z');
    expect(versioned!.revisions).toHaveLength(1);
    const [v1] = versioned!.revisions;
    expect(v1!.title).toBe('Heat-Tolerant Corals Pass Traits to Offspring, Study Finds');
    expect(v1!.fetchedAt).toBe('2020-09-21T00:00:00.000Z');
    expect(v1!.modifiedAt).toBe('2020-09-10T14:20:00-04:00');
    const older = applyDiff(record.article.text, v1!.diff);
    expect(older).toContain('a reef ecologist at the University of Queensland');
    expect(older).not.toContain('Correction:');
    const change = changeOf(record.article.text, v1!.diff);
    expect(change.added).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Mele Tupou, who directs the Palau Reef Restoration Trust/u),
        'Correction: An earlier version of this article gave the wrong university for Lucas Brennan.',
        expect.stringMatching(/^Dr\. Lucas Brennan, a reef ecologist at James Cook University/u),
      ]),
    );
    expect(change.removed).toEqual([expect.stringMatching(/^Dr\. Lucas Brennan, a reef ecologist at the University of Queensland/u)]);
  });

  it('moves the entity indexes to the new version', async () => {
    const p = config.prefix;
    const id = coralId();
    expect(await redis.sismember(`${p}idx:person:mele tupou`, id)).toBe(1);
    expect(await redis.sismember(`${p}idx:org:james cook university`, id)).toBe(1);
    expect(await redis.sismember(`${p}idx:org:university of queensland`, id)).toBe(0);
    expect(await redis.zscore(`${p}rank:org`, 'university of queensland')).toBeNull();
    expect((await redis.get(`${p}article:${id}:names`))!.split('\n')).toEqual(
      expect.arrayContaining(['person:mele tupou', 'org:palau reef restoration trust']),
    );
    expect(await redis.sismember(`${p}idx:person:lucas brennan`, id)).toBe(1);
  });

  it('a third run with no change: one 304 per stored article, no revision, nothing written', async () => {
    const third = runs[2]!;
    const stored = await redis.zcard(`${config.prefix}idx:stored`);
    expect(third.timedOut).toBe(false);
    expect(rechecksDue).toBe(stored);
    expect(third.refetched).toEqual({ revised: 0, unchanged: 0, notModified: stored });
    expect(await redis.zcard(`${config.prefix}idx:revised`)).toBe(1);
    expect([...after3].filter(([k, v]) => before3.get(k) !== v)).toEqual([]);
    expect(after3.size).toBe(before3.size);
  });
});
