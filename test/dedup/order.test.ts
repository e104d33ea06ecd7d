import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignStory, storyOfArticle } from '../../src/dedup/index.js';
import type { SyndicationCase } from '../../scripts/make-syndication-set.js';
import { readJsonl } from '../../scripts/eval/_shared.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';

// A slice of the generated syndication set: a few stories with their hard negatives (same topics).
const TOPICS = ['storm', 'football', 'council'];
const cases = readJsonl<SyndicationCase>('fixtures/syndication/articles.jsonl').filter((c) => TOPICS.includes(c.story.split('-')[0]!));

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

let clients: Redis[];
const prefixes: string[] = [];
beforeAll(() => {
  clients = [testRedis(), testRedis()];
});
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(clients[0]!, p);
  for (const c of clients) await c.quit();
});

async function clusters(order: SyndicationCase[], workers: number): Promise<Record<string, string | null>> {
  const p = `${uniquePrefix('order')}:`;
  prefixes.push(p);
  await Promise.all(
    clients.slice(0, workers).map(async (r, w) => {
      for (const c of order.filter((_, i) => i % workers === w)) await assignStory(r, p, c);
    }),
  );
  const out: Record<string, string | null> = {};
  for (const c of cases) out[c.id] = await storyOfArticle(clients[0]!, p, c.id);
  return out;
}

describe('order independence', () => {
  it('gives the same stories whatever the arrival order, with one worker or two at once', async () => {
    const reference = await clusters(cases, 1);
    // the reference is right: one story per gold story, and its id is its smallest member's id
    const gold = new Map<string, string[]>();
    for (const c of cases) gold.set(c.story, [...(gold.get(c.story) ?? []), c.id]);
    for (const ids of gold.values()) {
      const smallest = [...ids].sort()[0]!;
      for (const id of ids) expect(reference[id]).toBe(`s-${smallest}`);
    }
    expect(await clusters(shuffled(cases, 1), 1)).toEqual(reference);
    expect(await clusters(shuffled(cases, 2), 2)).toEqual(reference);
    expect(await clusters([...cases].reverse(), 2)).toEqual(reference);
  });
});
