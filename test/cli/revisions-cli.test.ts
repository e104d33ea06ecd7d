/**
 * The revision commands in-process against real Redis: the fixtures replayed, then replayed again with the coral
 * story's second version served (`--overlay fixtures/versions/v2 --recheck`); `results --revised` and
 * `show --revisions` then show the change, `show --json` its `revisions` array.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId } from '../../src/queues/job-ids.js';
import type { RevisionView } from '../../src/revisions/versions.js';
import { canonicalizeUrl } from '../../src/url/canonical.js';
import { freePort } from '../helpers/pipeline.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { cli, FIXTURES } from './harness.js';

const prefix = `${uniquePrefix('clirev')}:`;
process.env.NEWSFLOW_PREFIX = prefix;
process.env.LOG_LEVEL = 'silent';

const redis = testRedis();
let url: string;
let port: number;
let second: { refetched: { revised: number; unchanged: number; notModified: number }; storedArticles: number };
const coralId = () => articleId(canonicalizeUrl(`http://127.0.0.1:${port}/pages/northfold-courier/coral-heat-study.html`)!);
const json = <T>(s: string): T => JSON.parse(s) as T;

beforeAll(async () => {
  url = testRedisUrl();
  port = await freePort();
  const first = await cli(url, 'replay', FIXTURES, '--port', String(port), '--timeout', '60', '--json');
  expect(first.code, first.err).toBe(0);
  const r = await cli(
    url,
    'replay',
    FIXTURES,
    '--port',
    String(port),
    '--overlay',
    resolve(FIXTURES, 'versions', 'v2'),
    '--recheck',
    '--timeout',
    '60',
    '--json',
  );
  expect(r.code, r.err).toBe(0);
  second = json(r.out);
}, 120_000);

afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('revisions on the command line', () => {
  it('replay --recheck: one revision, a 304 for every other stored article', () => {
    expect(second.refetched).toEqual({ revised: 1, unchanged: 0, notModified: second.storedArticles - 1 });
    expect(second.storedArticles).toBe(17); // 13 from feeds, 4 from sitemaps
  });

  it('results --revised lists the changed article with its versions and first headline', async () => {
    const r = await cli(url, 'results', '--revised', '--json');
    expect(r.code, r.err).toBe(0);
    const out = json<{ matched: number; results: Array<{ id: string; versions: number; firstTitle: string; title: string; revisedAt: string }> }>(r.out);
    expect(out.matched).toBe(1);
    expect(out.results[0]).toMatchObject({
      id: coralId(),
      versions: 2,
      firstTitle: 'Heat-Tolerant Corals Pass Traits to Offspring, Study Finds',
      title: 'Coral Survivors Pass Heat Resistance to Their Young, Study Finds',
    });
    const table = await cli(url, 'results', '--revised');
    expect(table.out).toMatch(/Heat-Tolerant Corals.*→ Coral Survivors/u);
    const none = await cli(url, 'results', '--revised', '--company', 'Oracle', '--json');
    expect(json<{ matched: number }>(none.out).matched).toBe(0);
  });

  it('show --revisions: the headline at a glance, sentences added and removed', async () => {
    const r = await cli(url, 'show', coralId().slice(0, 10), '--revisions');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      'headline: "Heat-Tolerant Corals Pass Traits to Offspring, Study Finds" → "Coral Survivors Pass Heat Resistance to Their Young, Study Finds"',
    );
    expect(r.out).toMatch(/\n {4}- Dr\. Lucas Brennan, a reef ecologist at the University of Queensland/u);
    expect(r.out).toMatch(/\n {4}\+ Correction: An earlier version of this article gave the wrong university for Lucas Brennan\./u);
    expect(r.out).toMatch(/v2 {2}fetched .*\(current\)/u);
    const plain = await cli(url, 'show', coralId());
    expect(plain.out).toMatch(/versions +2, first fetched/u);
  });

  it('show --json: a revisions array ([] for an article that never changed)', async () => {
    const r = await cli(url, 'show', coralId(), '--json', '--text');
    const shown = json<{ revisions: RevisionView[]; article: { text: string } }>(r.out);
    expect(shown.revisions).toHaveLength(1);
    expect(shown.revisions[0]).toMatchObject({ version: 1, next: 2, modifiedAt: '2020-09-10T14:20:00-04:00' });
    expect(shown.revisions[0]!.removed).toHaveLength(1);
    expect(shown.revisions[0]!.added).toHaveLength(4);
    expect(shown.revisions[0]!.text).toContain('University of Queensland');
    const seed = articleId(canonicalizeUrl(`http://127.0.0.1:${port}/pages/daily-ledger/tiktok-oracle.html`)!);
    expect(json<{ revisions: unknown[] }>((await cli(url, 'show', seed, '--json')).out).revisions).toEqual([]);
  });
});
