/**
 * The Redis key layout of the store (all under the configurable prefix, `nf:` by default).
 *
 *   <p>article:<id>             STRING  the ArticleRecord: 0x02 + brotli of its JSON (span texts the body gives back left
 *                                       out; src/store/record-codec.ts; id = hash of the canonical URL)
 *   <p>article:<id>:names       STRING  "<kind>:<norm>" entity memberships of that record, one per line (for index diffs)
 *   <p>article:<id>:story       STRING  story id assigned by the dedup stage
 *   <p>article:<id>:revs        STRING  the previous versions of the article, oldest first: 0x02 + brotli of their JSON,
 *                                       each a title, times and a diff against the next version (revision-codec.ts)
 *   <p>idx:time                 ZSET    id → publication time (ms; fetch time when the page has none)
 *   <p>idx:stored               ZSET    id → time the record was first stored (ms)
 *   <p>idx:feed:<feedId>        ZSET    id → publication time, for every feed that listed the article
 *   <p>idx:revised              ZSET    id → time its current version replaced an earlier one (ms; `results --revised`)
 *   <p>idx:updated              ZSET    id → newest change time (ms) a source or the page stated that the stored version
 *                                       covers (feed/sitemap updatedAt, page dateModified); a feed item saying later than
 *                                       this, the revision time and the first stored time is re-fetched
 *   <p>recheck                  ZSET    id → when its next scheduled re-check is due (ms; NEWSFLOW_RECHECK; src/revisions/recheck.ts)
 *   <p>idx:not-article          ZSET    id → time its page was found not to be an article (kept 7 days: feeds
 *                                       listing it again do not make it fetched again)
 *   <p>idx:<kind>:<norm>        SET     ids of articles naming that entity (kind: company, org, person)
 *   <p>rank:<kind>              ZSET    <norm> → number of articles naming it
 *   <p>names:<kind>             HASH    <norm> → display name
 *   <p>feeds                    SET     ids of feeds that produced articles
 *   <p>feed:<feedId>            HASH    poll health and conditional-GET state (src/store/feed-state.ts)
 *   <p>host:<host>:leases|next  ZSET/STRING  per-host politeness shared by all workers (src/fetch/host-limiter.ts)
 *   <p>robots:<origin>          STRING  cached robots.txt rules (src/fetch/robots.ts)
 *   <p>lock:schedule-sync       STRING  held while one process syncs job schedulers (src/schedule/sync.ts)
 *   <p>holding                  STRING  set (expiring) while workers hold back article jobs: Redis memory is above
 *                                       the high-water mark (src/workers/memory-gate.ts)
 *   <p>lock:archive             STRING  held by the archive run in progress (src/archive/archive-lock.ts)
 *   <p>archive:last             STRING  JSON summary of the last archive run (src/archive/last-run.ts)
 *   <p>inbox:dedup[:due|:batch:<jobId>]  LIST/STRING/LIST  records waiting for dedup batch jobs (src/store/dedup-inbox.ts)
 *   <p>dedup:…                  dedup index and stories (src/dedup)
 *   <p>bull:<queue>:…           BullMQ queues feeds, articles, dedup, maintenance (src/queues)
 *
 * Retention (src/archive) removes a record with every key above that references its id (src/store/article-remove.ts).
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
