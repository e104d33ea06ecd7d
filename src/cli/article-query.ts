/**
 * The article filters shared by `results` and `export`: publication window, feed, company, organization,
 * person (all intersected) and a text search, read newest first in batches so an export of the whole store
 * never holds more than one batch of records.
 */
import type { Redis } from 'ioredis';
import type { CorruptRecordError } from '../domain/errors.js';
import type { ArticleRecord } from '../domain/types.js';
import { archivedBatches } from '../archive/archive-reader.js';
import { entityMembers, type ArticleStore } from '../store/article-store.js';
import { normName, type EntityKind } from '../store/keys.js';

export interface ArticleFilter {
  feedId?: string;
  company?: string;
  org?: string;
  person?: string;
  /** Published at or after (ISO date or date-time). */
  since?: string;
  /** Published strictly before (ISO date or date-time). */
  until?: string;
  /** Case-insensitive substring of the title or body. */
  text?: string;
  /** Only articles with earlier versions (stored revisions). */
  revised?: boolean;
}

/** Told of each stored record that cannot be read back; the listing goes on without it. */
export type OnCorrupt = (err: CorruptRecordError) => void;

/** The stderr warning for a skipped corrupt record: names it, says why, says what removes it. */
export function corruptWarning(err: CorruptRecordError): string {
  return `warning: skipped article ${err.id ?? '?'}: its stored record is corrupt (${err.reason}); \`newsflow doctor\` removes it\n`;
}

/** Ids passing every filter but the text one, newest first. */
export async function candidateIds(redis: Redis, store: ArticleStore, f: ArticleFilter): Promise<string[]> {
  const k = store.keys;
  const max = f.until ? `(${Date.parse(f.until)}` : '+inf';
  const min = f.since ? String(Date.parse(f.since)) : '-inf';
  let ids = await redis.zrevrangebyscore(f.feedId ? k.byFeed(f.feedId) : k.byTime, max, min);
  const sets: string[] = [];
  if (f.company) sets.push(k.entity('company', normName(f.company)));
  if (f.org) sets.push(k.entity('org', normName(f.org)));
  if (f.person) sets.push(k.entity('person', normName(f.person)));
  if (sets.length) {
    const allowed = new Set(sets.length === 1 ? await redis.smembers(sets[0]!) : await redis.sinter(...sets));
    ids = ids.filter((id) => allowed.has(id));
  }
  if (f.revised) {
    const revised = new Set(await redis.zrange(k.byRevised, '0', '-1'));
    ids = ids.filter((id) => revised.has(id));
  }
  return ids;
}

function matchesText(r: ArticleRecord, needle: string): boolean {
  return `${r.article.title ?? ''}\n${r.article.text}`.toLowerCase().includes(needle);
}

/** Batches of matching records, newest first; `onScan(scanned, candidates)` reports progress. */
export async function* matchingBatches(
  redis: Redis,
  store: ArticleStore,
  f: ArticleFilter,
  opts: { batchSize?: number; onScan?: (scanned: number, candidates: number) => void; onCorrupt?: OnCorrupt } = {},
): AsyncGenerator<ArticleRecord[]> {
  const ids = await candidateIds(redis, store, f);
  const size = opts.batchSize ?? 200;
  const needle = f.text?.toLowerCase() ?? null;
  opts.onScan?.(0, ids.length);
  for (let i = 0; i < ids.length; i += size) {
    const batch = await store.getMany(ids.slice(i, i + size), { onCorrupt: opts.onCorrupt });
    opts.onScan?.(Math.min(ids.length, i + size), ids.length);
    const kept = needle ? batch.filter((r) => matchesText(r, needle)) : batch;
    if (kept.length) yield kept;
  }
}

/** One page of matches and how many match in all. */
export async function queryArticles(
  redis: Redis,
  store: ArticleStore,
  f: ArticleFilter,
  offset: number,
  limit: number,
  onCorrupt?: OnCorrupt,
): Promise<{ rows: ArticleRecord[]; matched: number }> {
  if (!f.text) {
    const ids = await candidateIds(redis, store, f);
    return { rows: await store.getMany(ids.slice(offset, offset + limit), { onCorrupt }), matched: ids.length };
  }
  const rows: ArticleRecord[] = [];
  let matched = 0;
  for await (const batch of matchingBatches(redis, store, f, { onCorrupt })) {
    for (const r of batch) {
      if (matched >= offset && rows.length < limit) rows.push(r);
      matched++;
    }
  }
  return { rows, matched };
}

/** Known entity names of a kind containing `name` (case-insensitive), for "did you mean" hints. */
export async function similarNames(redis: Redis, store: ArticleStore, kind: EntityKind, name: string, max = 5): Promise<string[]> {
  const needle = normName(name);
  const words = needle.split(' ').filter((w) => w.length >= 3);
  const all = await redis.hgetall(store.keys.names(kind));
  const hits = Object.entries(all).filter(([norm]) => norm.includes(needle) || needle.includes(norm) || words.some((w) => norm.includes(w)));
  return hits
    .map(([, display]) => display)
    .sort()
    .slice(0, max);
}

/** The time `results` sorts and --since/--until filter by: publication time, else fetch time (as idx:time). */
export function recordTime(r: ArticleRecord): number {
  const t = Date.parse(r.article.publishedAt ?? '') || Date.parse(r.fetchedAt);
  return Number.isFinite(t) ? t : 0;
}

/**
 * The filters applied to a record itself (for archived records, which have no Redis index). `feedId` matches the
 * feed that stored the record: other feeds that listed it are only known to idx:feed:<feed>.
 */
export function recordMatches(r: ArticleRecord, f: ArticleFilter): boolean {
  if (f.feedId && r.feedId !== f.feedId) return false;
  // why this shape: an archived line carries its previous versions beside the record (src/archive/archiver.ts)
  if (f.revised && !(r as ArticleRecord & { revisions?: unknown[] }).revisions?.length) return false;
  const t = recordTime(r);
  if (f.since && t < Date.parse(f.since)) return false;
  if (f.until && t >= Date.parse(f.until)) return false;
  if (f.company || f.org || f.person) {
    const have = new Set(entityMembers(r).map((m) => `${m.kind}:${m.norm}`));
    for (const [kind, name] of [
      ['company', f.company],
      ['org', f.org],
      ['person', f.person],
    ] as const) {
      if (name && !have.has(`${kind}:${normName(name)}`)) return false;
    }
  }
  return !f.text || matchesText(r, f.text.toLowerCase());
}

/**
 * Batches of archived records matching `f` (day files newest first), leaving out those still in Redis (a run
 * stopped between its fsync and its delete): a caller that read Redis first sees each record once.
 */
export async function* archivedMatchingBatches(
  redis: Redis,
  store: ArticleStore,
  dir: string,
  f: ArticleFilter,
  batchSize = 200,
): AsyncGenerator<ArticleRecord[]> {
  for await (const batch of archivedBatches(dir, batchSize)) {
    const kept = batch.filter((r) => recordMatches(r, f));
    if (!kept.length) continue;
    const pipe = redis.pipeline();
    for (const r of kept) pipe.exists(store.keys.article(r.id));
    const inRedis = ((await pipe.exec()) ?? []).map(([, v]) => v === 1);
    const fresh = kept.filter((_, i) => !inRedis[i]);
    if (fresh.length) yield fresh;
  }
}

/** One page of matches from Redis and the archive together, newest first; `fromArchive`: matches found there. */
export async function queryWithArchive(
  redis: Redis,
  store: ArticleStore,
  dir: string,
  f: ArticleFilter,
  offset: number,
  limit: number,
  onCorrupt?: OnCorrupt,
): Promise<{ rows: ArticleRecord[]; matched: number; fromArchive: number }> {
  const want = offset + limit;
  const live = await queryArticles(redis, store, f, 0, want, onCorrupt);
  let top: ArticleRecord[] = [...live.rows];
  let fromArchive = 0;
  const byTime = (x: ArticleRecord, y: ArticleRecord) => recordTime(y) - recordTime(x) || (x.id < y.id ? -1 : 1);
  for await (const batch of archivedMatchingBatches(redis, store, dir, f)) {
    fromArchive += batch.length;
    top.push(...batch);
    // why trim as we go: only the first offset+limit can be shown, the archive may hold millions
    if (top.length > 4 * want + 1000) top = top.sort(byTime).slice(0, want);
  }
  return { rows: top.sort(byTime).slice(offset, want), matched: live.matched + fromArchive, fromArchive };
}
