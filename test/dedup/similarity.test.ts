import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/dedup/fingerprint.js';
import { compareSketches } from '../../src/dedup/similarity.js';

const seed = (name: string) =>
  readFileSync(`fixtures/syndication/seeds/${name}.txt`, 'utf8')
    .split(/\n\s*\n/u)
    .slice(1)
    .join('\n\n');
const sketch = (text: string) => fingerprint(text, []).sketch!;
const paras = (t: string) => t.split('\n\n');

const landfall = seed('storm-landfall');
const power = seed('storm-power');
const match = seed('football-match');
const manager = seed('football-manager');

describe('compareSketches', () => {
  it.each([
    ['the same body', landfall, landfall, true],
    ['trimmed to its first half', landfall, paras(landfall).slice(0, 4).join('\n\n'), true],
    [
      'with a wrapper and an editor’s note',
      landfall,
      ['Advertisement', 'Editor’s note: updated.', landfall, 'This article originally appeared on Coastal Observer.', 'Follow us.'].join('\n\n'),
      true,
    ],
    ['with typo fixes and straight quotes', landfall, landfall.replace(/[“”]/gu, '"').replace('tearing', 'taering').replace('Forecasters', 'Forcasters'), true],
    ['another story on the same storm (shared quote)', landfall, power, false],
    ['another story on the same match (shared quote)', match, manager, false],
  ])('%s → near %s', (_label, a, b, near) => {
    const r = compareSketches(sketch(a), sketch(b));
    expect(r.near).toBe(near);
    expect(compareSketches(sketch(b), sketch(a))).toEqual(r); // symmetric: arrival order cannot matter
  });

  it('estimates 1 for identical bodies', () => expect(compareSketches(sketch(match), sketch(match)).jaccard).toBe(1));
});

describe('fingerprint', () => {
  it('is deterministic', () => expect(fingerprint(landfall, ['https://a.example/news/x-1'])).toEqual(fingerprint(landfall, ['https://a.example/news/x-1'])));
  it('has no sketch or bands for a short text', () => {
    const fp = fingerprint('Short teaser text only.', []);
    expect(fp.sketch).toBeNull();
    expect(fp.bands).toEqual([]);
    expect(fp.exact).toEqual([]);
  });
  it('gives the same URL key to an AMP twin and tracking-link variant', () => {
    const a = fingerprint('', ['https://www.a.example/news/2024/slug-1?utm_medium=rss']);
    const b = fingerprint('', ['https://a.example/news/2024/slug-1/amp']);
    expect(a.exact).toEqual(b.exact);
  });
});
