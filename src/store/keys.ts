/**
 * Names of the store's Redis keys, all under the configurable prefix (`nf:` by default). The whole key layout, these
 * and every other module's keys, is written out in docs/redis-keys.md (test/store/redis-keys-doc.test.ts checks it
 * against the code). Retention removes a record with every key that references its id (src/store/article-remove.ts).
 */

export type EntityKind = 'company' | 'org' | 'person';

/** Normalized form of an entity name for keys: lower case, single spaces, no colons. */
export function normName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[:\s]+/gu, ' ')
    .trim();
}

export function storeKeys(p: string) {
  return {
    article: (id: string) => `${p}article:${id}`,
    articleNames: (id: string) => `${p}article:${id}:names`,
    articleStory: (id: string) => `${p}article:${id}:story`,
    articleRevisions: (id: string) => `${p}article:${id}:revs`,
    byRevised: `${p}idx:revised`,
    byUpdated: `${p}idx:updated`,
    recheck: `${p}recheck`,
    /** articleStory(id) is prefix + id + suffix (for scripts that build the key themselves). */
    articleStoryParts: { prefix: `${p}article:`, suffix: ':story' },
    byTime: `${p}idx:time`,
    byStored: `${p}idx:stored`,
    byFeed: (feedId: string) => `${p}idx:feed:${feedId}`,
    notArticles: `${p}idx:not-article`,
    entity: (kind: EntityKind, norm: string) => `${p}idx:${kind}:${norm}`,
    rank: (kind: EntityKind) => `${p}rank:${kind}`,
    names: (kind: EntityKind) => `${p}names:${kind}`,
    feeds: `${p}feeds`,
    holding: `${p}holding`,
  };
}
