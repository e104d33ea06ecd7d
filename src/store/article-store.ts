/**
 * The store of results: one record per article id plus indexes by time, feed and entity. Writing a record
 * again (a retry, a replay) replaces it and moves its index entries: it stays one record.
 */
import type { Redis } from 'ioredis';
import { CorruptRecordError } from '../domain/errors.js';
import { createHash } from 'node:crypto';
import type { ArticleRecord, ArticleRevision } from '../domain/types.js';
import { normName, storeKeys, type EntityKind } from './keys.js';
import { INBOX_DUE_MS, INBOX_PUSH_LUA } from './dedup-inbox.js';
import { luaScript } from './lua-script.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import { decodeRevisions } from './revision-codec.js';

// the stored form of a record (0x02 brotli of lean JSON)
export { decodeRecord, encodeRecord } from './record-codec.js';

// why Lua: the record and its entity indexes change together, even when two workers write the same id.
// ARGV[7] is the record's memberships "<kind>:<norm>" joined by newlines (the :names key's own content; a norm holds
// neither ':' nor whitespace), ARGV[8] the record's dedup entry for the inbox ('' for none), ARGV[9] how long the
// inbox's due flag lives, ARGV[15..] the display names in the order of ARGV[7].
// why the display names in here too: one round trip per save (a round trip costs worker CPU; BENCHMARKS.md)
// why memberships in one argument and display names in one HSET per kind: each script argument and each redis.call
// costs Redis CPU, and an article names a score of entities
// Revisions (src/revisions): ARGV[10] the SHA-1 of the record the caller diffed against ('' = any, 'new' = none stored;
// another version stored meanwhile returns {-1, 0} and writes nothing), ARGV[11] the encoded previous versions ('' = unchanged),
// ARGV[12] the time of this revision (ms, idx:revised), ARGV[13] a change time this version covers (ms, idx:updated,
// only raised, and only when later than ARGV[5]), ARGV[14] the first re-check (ms; set for a new record and a new version); display names from ARGV[15].
const SAVE_SCRIPT = `
local p, id, rec, tscore, sscore, feed, joined, entry, duems = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9]
local expect, revs, revised, updated, recheck = ARGV[10], ARGV[11], ARGV[12], ARGV[13], ARGV[14]
local akey = p .. 'article:' .. id
local nkey = akey .. ':names'
if expect == 'new' then
  if redis.call('EXISTS', akey) == 1 then return {-1, 0} end
elseif expect ~= '' then
  local cur = redis.call('GET', akey)
  if (not cur) or redis.sha1hex(cur) ~= expect then return {-1, 0} end
end
local created = redis.call('EXISTS', akey) == 0
redis.call('SET', akey, rec)
local want = {}
local members = {}
for m in string.gmatch(joined, '[^\\n]+') do
  want[m] = true
  members[#members + 1] = m
end
-- why a string, not a SET: ~17 names per article cost ~1.5 KiB as a hashtable SET, ~0.4 KiB joined
local had = {}
local old = redis.call('GET', nkey)
if old then
  for m in string.gmatch(old, '[^\\n]+') do had[m] = true end
end
for m, _ in pairs(had) do
  if not want[m] then
    local c = string.find(m, ':', 1, true)
    local kind, norm = string.sub(m, 1, c - 1), string.sub(m, c + 1)
    redis.call('SREM', p .. 'idx:' .. m, id)
    local left = tonumber(redis.call('ZINCRBY', p .. 'rank:' .. kind, -1, norm))
    if left <= 0 then redis.call('ZREM', p .. 'rank:' .. kind, norm) end
  end
end
local names = {}
for i, m in ipairs(members) do
  local c = string.find(m, ':', 1, true)
  local kind, norm = string.sub(m, 1, c - 1), string.sub(m, c + 1)
  if not had[m] then
    redis.call('SADD', p .. 'idx:' .. m, id)
    redis.call('ZINCRBY', p .. 'rank:' .. kind, 1, norm)
  end
  local h = names[kind]
  if not h then
    h = {}
    names[kind] = h
  end
  h[#h + 1] = norm
  h[#h + 1] = ARGV[14 + i]
end
for kind, h in pairs(names) do redis.call('HSET', p .. 'names:' .. kind, unpack(h)) end
if #members > 0 then
  redis.call('SET', nkey, joined)
elseif old then
  redis.call('DEL', nkey)
end
redis.call('ZADD', p .. 'idx:time', tscore, id)
redis.call('ZADD', p .. 'idx:stored', 'NX', sscore, id)
if feed ~= '' then
  redis.call('ZADD', p .. 'idx:feed:' .. feed, tscore, id)
  redis.call('SADD', p .. 'feeds', feed)
end
if revs ~= '' then redis.call('SET', akey .. ':revs', revs) end
if revised ~= '' then redis.call('ZADD', p .. 'idx:revised', revised, id) end
-- why only a time after this save's: an earlier one is covered by the stored time already (feed-worker's check)
if updated ~= '' and tonumber(updated) > tonumber(sscore) then redis.call('ZADD', p .. 'idx:updated', 'GT', updated, id) end
if recheck ~= '' and (created or revs ~= '') then redis.call('ZADD', p .. 'recheck', recheck, id) end
${INBOX_PUSH_LUA}
if created then return {1, due} else return {0, due} end
`;

/**
 * How long a page found not to be an article is not fetched again when feeds keep listing it.
 * why here and not in BullMQ: a completed job's id did this while jobs were kept a week; remembering the id in
 * the store lets the queue keep only a few completed jobs
 */
export const NOT_ARTICLE_MEMORY_MS = 7 * 24 * 3600 * 1000;

export interface ListQuery {
  limit?: number;
  offset?: number;
  feedId?: string;
  company?: string;
  person?: string;
  /** ISO dates bounding the publication time. */
  since?: string;
  until?: string;
  /** Case-insensitive substring of title or text. */
  text?: string;
}

export interface RankedName {
  name: string;
  articles: number;
}

function timeScore(r: ArticleRecord): number {
  const t = Date.parse(r.article.publishedAt ?? '') || Date.parse(r.fetchedAt);
  return Number.isFinite(t) ? t : 0;
}

/** Entity memberships a record contributes to the indexes. */
export function entityMembers(r: ArticleRecord): Array<{ kind: EntityKind; norm: string; display: string }> {
  const out = new Map<string, { kind: EntityKind; norm: string; display: string }>();
  const add = (kind: EntityKind, display: string) => {
    const norm = normName(display);
    if (norm) out.set(`${kind}:${norm}`, { kind, norm, display });
  };
  for (const p of r.entities.people) add('person', p.name);
  for (const o of r.entities.organizations) {
    add('org', o.name);
    if (o.kind === 'company') add('company', o.name);
  }
  return [...out.values()];
}

const saveScript = luaScript<[number, number]>('nfSaveArticle', SAVE_SCRIPT);

export interface SaveOptions {
  /** The record's dedup entry (DedupJobData JSON), appended to the dedup inbox in the same atomic step. */
  dedupEntry?: string;
  /** Save only if the stored record's bytes still have this SHA-1 (the version a revision was diffed against). */
  expectSha1?: string;
  /** Save only if no record is stored under the id (a first fetch's common case: no read before the save). */
  onlyIfNew?: boolean;
  /** The previous versions, encoded (revision-codec.ts): written with the record when it is a new version. */
  revisions?: Buffer;
  /** When this version replaced the previous one (ms): its idx:revised score. */
  revisedAtMs?: number;
  /** A change time (ms) this version covers: raises its idx:updated score. */
  updatedMs?: number | null;
  /** The first scheduled re-check (ms), set for a new record or a new version; undefined for none. */
  recheckAtMs?: number;
}

export interface SaveResult {
  /** The id was not stored before. */
  created: boolean;
  /** This save raised the dedup inbox's due flag: the caller adds a dedup batch job (src/store/dedup-inbox.ts). */
  dedupDue: boolean;
  /** `expectSha1` did not match: another version was stored meanwhile and nothing was written. */
  conflict?: boolean;
}

export class ArticleStore {
  readonly keys: ReturnType<typeof storeKeys>;
  constructor(
    private readonly redis: Redis,
    readonly prefix: string,
  ) {
    this.keys = storeKeys(prefix);
  }

  /** Write (or rewrite) a record and its indexes, and hand it to dedup when `opts.dedupEntry` is given. */
  async save(record: ArticleRecord, opts: SaveOptions = {}): Promise<SaveResult> {
    const members = entityMembers(record);
    const [created, due] = await saveScript(
      this.redis,
      this.prefix,
      record.id,
      encodeRecord(record),
      String(timeScore(record)),
      String(Date.parse(record.storedAt) || 0),
      record.feedId ?? '',
      members.map((m) => `${m.kind}:${m.norm}`).join('\n'),
      opts.dedupEntry ?? '',
      INBOX_DUE_MS,
      opts.onlyIfNew ? 'new' : (opts.expectSha1 ?? ''),
      opts.revisions ?? '',
      opts.revisedAtMs === undefined ? '' : String(opts.revisedAtMs),
      opts.updatedMs === undefined || opts.updatedMs === null ? '' : String(opts.updatedMs),
      opts.recheckAtMs === undefined ? '' : String(opts.recheckAtMs),
      ...members.map((m) => m.display),
    );
    if (created === -1) return { created: false, dedupDue: false, conflict: true };
    return { created: created === 1, dedupDue: due === 1 };
  }

  /**
   * The record of `id` with the SHA-1 of its stored bytes (what a revision's save compares against) and its
   * previous versions; null when none is stored. Throws CorruptRecordError when the record or its versions are unreadable.
   */
  async getVersioned(id: string): Promise<{ record: ArticleRecord; sha1: string; revisions: ArticleRevision[] } | null> {
    const [raw, story, revs] = await this.redis.mgetBuffer(this.keys.article(id), this.keys.articleStory(id), this.keys.articleRevisions(id));
    if (!raw) return null;
    const record = decodeRecord(raw, id);
    return {
      record: { ...record, storyId: story?.toString('utf8') ?? record.storyId ?? null },
      sha1: createHash('sha1').update(raw).digest('hex'),
      revisions: revs ? decodeRevisions(revs, id) : [],
    };
  }

  /** The previous versions of `id`, oldest first ([] when it has none). */
  async revisions(id: string): Promise<ArticleRevision[]> {
    const raw = await this.redis.getBuffer(this.keys.articleRevisions(id));
    return raw ? decodeRevisions(raw, id) : [];
  }

  /** Previous versions of many ids (one round trip), in order; unreadable ones throw, or go to `onCorrupt` as []. */
  async revisionsOf(ids: readonly string[], opts: { onCorrupt?: (err: CorruptRecordError) => void } = {}): Promise<ArticleRevision[][]> {
    if (!ids.length) return [];
    const values = await this.redis.mgetBuffer(...ids.map((id) => this.keys.articleRevisions(id)));
    return ids.map((id, i) => {
      const raw = values[i];
      if (!raw) return [];
      try {
        return decodeRevisions(raw, id);
      } catch (err) {
        if (!(err instanceof CorruptRecordError) || !opts.onCorrupt) throw err;
        opts.onCorrupt(err);
        return [];
      }
    });
  }

  /**
   * For each id, the newest change time (ms) its stored version covers: the newest of idx:updated (a source's
   * updatedAt or the page's dateModified that was checked), when it was last revised and when it was first stored
   * (one round trip). A source saying later means a new version.
   */
  async coveredUntil(ids: readonly string[]): Promise<number[]> {
    if (!ids.length) return [];
    const pipe = this.redis.pipeline();
    pipe
      .zmscore(this.keys.byUpdated, ...ids)
      .zmscore(this.keys.byRevised, ...ids)
      .zmscore(this.keys.byStored, ...ids);
    const replies = ((await pipe.exec()) ?? []) as Array<[Error | null, Array<string | null>]>;
    const [updated, revised, stored] = [0, 1, 2].map((k) => {
      const [err, v] = replies[k] ?? [new Error('no reply'), []];
      if (err) throw err;
      return v;
    });
    // why the newest of the three: a source's change time at or before our fetch is in the version we fetched
    return ids.map((_, i) => {
      const known = [updated?.[i], revised?.[i], stored?.[i]].filter((v): v is string => v !== null && v !== undefined).map(Number);
      return known.length ? Math.max(...known) : Number.POSITIVE_INFINITY;
    });
  }

  /** Remember that a source's change time `ms` was checked against the stored version (it only rises). */
  async markUpdated(id: string, ms: number): Promise<void> {
    await this.redis.zadd(this.keys.byUpdated, 'GT', ms, id);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.article(id))) === 1;
  }

  /**
   * What the store knows of each id (one round trip): `stored`, `not-article` (its page was found not to be an
   * article less than NOT_ARTICLE_MEMORY_MS before `nowMs`), or null.
   */
  async lookup(ids: readonly string[], nowMs: number): Promise<Array<'stored' | 'not-article' | null>> {
    if (!ids.length) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.exists(this.keys.article(id)).zscore(this.keys.notArticles, id);
    const replies = (await pipe.exec()) ?? [];
    const value = (i: number) => {
      const [err, v] = replies[i] ?? [new Error('no reply'), null];
      if (err) throw err;
      return v;
    };
    return ids.map((_, i) => {
      if (value(2 * i) === 1) return 'stored';
      const at = value(2 * i + 1);
      return at !== null && Number(at) > nowMs - NOT_ARTICLE_MEMORY_MS ? 'not-article' : null;
    });
  }

  /** Remember that the page of `id` is not an article (and forget those older than NOT_ARTICLE_MEMORY_MS). */
  async markNotArticle(id: string, nowMs: number): Promise<void> {
    await this.redis
      .multi()
      .zadd(this.keys.notArticles, nowMs, id)
      .zremrangebyscore(this.keys.notArticles, '-inf', nowMs - NOT_ARTICLE_MEMORY_MS)
      .exec();
  }

  /** Record that another feed also listed an already stored article. */
  async addToFeed(id: string, feedId: string, publishedAt: string | null): Promise<void> {
    await this.addManyToFeed(feedId, [{ id, publishedAt }]);
  }

  /** Record that a feed also listed these already stored articles (one round trip). */
  async addManyToFeed(feedId: string, items: ReadonlyArray<{ id: string; publishedAt: string | null }>): Promise<void> {
    if (!items.length) return;
    const multi = this.redis.multi();
    for (const { id, publishedAt } of items) multi.zadd(this.keys.byFeed(feedId), 'NX', Date.parse(publishedAt ?? '') || Date.now(), id);
    await multi.sadd(this.keys.feeds, feedId).exec();
  }

  /** The record of `id`, null when none; throws CorruptRecordError when it is stored but unreadable. */
  async get(id: string): Promise<ArticleRecord | null> {
    const [raw, story] = await this.redis.mgetBuffer(this.keys.article(id), this.keys.articleStory(id));
    if (!raw) return null;
    const record = decodeRecord(raw, id);
    return { ...record, storyId: story?.toString('utf8') ?? record.storyId ?? null };
  }

  /**
   * The records of `ids` that exist, in order. A corrupt one throws CorruptRecordError, unless `onCorrupt` is given:
   * then it is skipped and reported there (listings and exports go on past it).
   */
  async getMany(ids: string[], opts: { onCorrupt?: (err: CorruptRecordError) => void } = {}): Promise<ArticleRecord[]> {
    if (!ids.length) return [];
    const keys = ids.flatMap((id) => [this.keys.article(id), this.keys.articleStory(id)]);
    const values = await this.redis.mgetBuffer(...keys);
    const out: ArticleRecord[] = [];
    for (let i = 0; i < ids.length; i++) {
      const raw = values[2 * i];
      if (!raw) continue;
      let r: ArticleRecord;
      try {
        r = decodeRecord(raw, ids[i]!);
      } catch (err) {
        if (!(err instanceof CorruptRecordError) || !opts.onCorrupt) throw err;
        opts.onCorrupt(err);
        continue;
      }
      out.push({ ...r, storyId: values[2 * i + 1]?.toString('utf8') ?? r.storyId ?? null });
    }
    return out;
  }

  async setStory(id: string, storyId: string): Promise<void> {
    await this.redis.set(this.keys.articleStory(id), storyId);
  }

  async count(): Promise<number> {
    return this.redis.zcard(this.keys.byTime);
  }

  /** Find an article by id or by an unambiguous id prefix (as the CLI prints short ids). */
  async resolveId(idOrPrefix: string): Promise<string | null> {
    if (await this.exists(idOrPrefix)) return idOrPrefix;
    if (!/^[0-9a-f]{4,}$/u.test(idOrPrefix)) return null;
    const ids = await this.redis.zrange(this.keys.byTime, '0', '-1');
    const hits = ids.filter((id) => id.startsWith(idOrPrefix));
    return hits.length === 1 ? hits[0]! : null;
  }

  /** Newest first, filtered by feed, entity, time window and text. */
  async list(q: ListQuery = {}): Promise<ArticleRecord[]> {
    const limit = q.limit ?? 20;
    const offset = q.offset ?? 0;
    const min = q.since ? Date.parse(q.since) : -Infinity;
    const max = q.until ? Date.parse(q.until) : Infinity;
    const source = q.feedId ? this.keys.byFeed(q.feedId) : this.keys.byTime;
    let ids = (await this.redis.zrevrangebyscore(source, max === Infinity ? '+inf' : String(max), min === -Infinity ? '-inf' : String(min))) as string[];
    const sets: string[] = [];
    if (q.company) sets.push(this.keys.entity('company', normName(q.company)));
    if (q.person) sets.push(this.keys.entity('person', normName(q.person)));
    if (sets.length) {
      const allowed = new Set(sets.length === 1 ? await this.redis.smembers(sets[0]!) : await this.redis.sinter(...sets));
      ids = ids.filter((id) => allowed.has(id));
    }
    if (!q.text) return this.getMany(ids.slice(offset, offset + limit));
    const needle = q.text.toLowerCase();
    const out: ArticleRecord[] = [];
    let skipped = 0;
    for (let i = 0; i < ids.length && out.length < limit; i += 200) {
      for (const r of await this.getMany(ids.slice(i, i + 200))) {
        if (!`${r.article.title ?? ''}\n${r.article.text}`.toLowerCase().includes(needle)) continue;
        if (skipped++ < offset) continue;
        if (out.length < limit) out.push(r);
      }
    }
    return out;
  }

  /** The most named entities of a kind, with the number of articles naming each. */
  async top(kind: EntityKind, n = 10): Promise<RankedName[]> {
    const flat = await this.redis.zrevrange(this.keys.rank(kind), 0, n - 1, 'WITHSCORES');
    const norms: string[] = [];
    const counts: number[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      norms.push(flat[i]!);
      counts.push(Number(flat[i + 1]));
    }
    const displays = norms.length ? await this.redis.hmget(this.keys.names(kind), ...norms) : [];
    return norms.map((norm, i) => ({ name: displays[i] ?? norm, articles: counts[i] ?? 0 }));
  }
}
