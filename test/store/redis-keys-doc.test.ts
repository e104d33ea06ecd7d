/**
 * docs/redis-keys.md is the one written key layout: every key the code builds matches a row of it, every row names
 * a key family the code builds, and the other documents link to it instead of keeping a copy.
 * (test/pipeline/replay.test.ts holds the keys a real replay leaves against it too.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastRunKey } from '../../src/archive/last-run.js';
import { bullPrefix } from '../../src/queues/names.js';
import { inboxKeys } from '../../src/store/dedup-inbox.js';
import { feedStateKey } from '../../src/store/feed-state.js';
import { storeKeys } from '../../src/store/keys.js';
import { documentedKeys, undocumentedKeys } from '../helpers/redis-keys-doc.js';

const root = join(import.meta.dirname, '../..');
const P = 'nf:';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Literal key starts after the prefix in src/: `${p}idx:time`, `${prefix}robots:${…}`, Lua's `p .. 'rank:'`. */
function keyHeadsInSource(): Map<string, string> {
  const heads = new Map<string, string>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\$\{(?:p|prefix|this\.prefix)\}([a-z][\w:-]*)|\b(?:p|prefix) \.\. '([a-z][\w:-]*)'/gu)) {
      heads.set(m[1] ?? m[2]!, file.slice(root.length + 1));
    }
  }
  return heads;
}

const store = storeKeys(P);
const inbox = inboxKeys(P);
const built: Array<[string, string]> = [
  ['article', store.article('0123456789abcdef0123')],
  ['articleNames', store.articleNames('0123456789abcdef0123')],
  ['articleStory', store.articleStory('0123456789abcdef0123')],
  ['byTime', store.byTime],
  ['byStored', store.byStored],
  ['byFeed', store.byFeed('daily-ledger')],
  ['notArticles', store.notArticles],
  ['entity', store.entity('company', 'oracle corp')],
  ['rank', store.rank('person')],
  ['names', store.names('org')],
  ['feeds', store.feeds],
  ['holding', store.holding],
  ['inbox', inbox.inbox],
  ['inbox due', inbox.due],
  ['inbox batch', inbox.batch('batch-1733600000000-ab12')],
  ['feed state', feedStateKey(P, 'daily-ledger')],
  ['last archive run', lastRunKey(P)],
  ['a BullMQ key', `${bullPrefix(P)}:articles:0123456789abcdef0123`],
];

describe('docs/redis-keys.md', () => {
  const doc = documentedKeys();

  it('lists the key layout', () => expect(doc.length).toBeGreaterThan(25));

  it('has storeKeys name every store key it lists', () => expect(Object.keys(store).length).toBeGreaterThanOrEqual(13));

  it('flags keys it does not document', () => {
    expect(undocumentedKeys(['nf:foo', 'nf:article:abc:extra', 'nf:idx:feed', 'other:idx:time'], P)).toHaveLength(4);
  });

  it.each(built)('documents the %s key (%s)', (_name, key) => expect(undocumentedKeys([key], P)).toEqual([]));

  it('documents every key family src/ builds from the prefix', () => {
    const heads = keyHeadsInSource();
    expect(heads.size).toBeGreaterThan(15);
    const missing = [...heads].filter(([head]) => !doc.some((d) => d.pattern.startsWith(head) || head.startsWith(d.pattern)));
    expect(missing).toEqual([]);
  });

  it('documents only key families src/ builds', () => {
    const heads = [...keyHeadsInSource().keys()];
    const stale = doc.filter((d) => !heads.some((h) => d.head.startsWith(h)));
    expect(stale.map((d) => d.pattern)).toEqual([]);
  });

  it.each([
    'README.md',
    'MAP.md',
    'docs/cli.md',
    'src/store/keys.ts',
    'src/store/dedup-inbox.ts',
    'src/store/feed-state.ts',
    'src/fetch/host-limiter.ts',
    'src/fetch/robots.ts',
    'src/dedup/index.ts',
  ])('%s links to it and keeps no copy of the layout', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(text).toMatch(/docs\/redis-keys\.md|redis-keys\.md/u);
    expect(text).not.toMatch(/^\| `<p>|^ \*\s+<p>[a-z]/mu);
  });
});
