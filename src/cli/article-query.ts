/**
 * The article filters shared by `results` and `export`: publication window, feed, company, organization,
 * person (all intersected) and a text search, read newest first in batches so an export of the whole store
 * never holds more than one batch of records.
 */
import type { Redis } from 'ioredis';
import type { CorruptRecordError } from '../domain/errors.js';
import type { ArticleRecord } from '../domain/types.js';
import type { ArticleStore } from '../store/article-store.js';
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
export async function queryArticles(redis: Redis, store: ArticleStore, f: ArticleFilter, offset: number, limit: number, onCorrupt?: OnCorrupt): Promise<{ rows: ArticleRecord[]; matched: number }> {
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
  return hits.map(([, display]) => display).sort().slice(0, max);
}
