/**
 * `newsflow doctor`: find stored records that cannot be read back (corrupt) and index entries whose record is gone
 * (missing), and remove them with their index entries. Removal is a compare-and-delete: a record a worker rewrote
 * since the scan (a retry, a replay) is kept.
 *
 * Previous versions (`:revs`) that do not read back are removed alone: the current version stays.
 *
 * Not touched: the dedup index and stories (a story keeps listing the removed copy by its stored metadata), and an
 * entity index set holding an id whose `:names` key is gone too (finding those needs a scan of every entity set).
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CorruptRecordError } from '../domain/errors.js';
import { storeKeys } from './keys.js';
import { luaScript } from './lua-script.js';
import { decodeRecord } from './record-codec.js';
import { decodeRevisions } from './revision-codec.js';

export interface StoreProblem {
  id: string;
  /**
   * `corrupt`: the record is there but unreadable; `missing`: an index lists the id, no record is stored;
   * `corrupt-revisions`: the record reads, its previous versions (`:revs`) do not (only they are removed).
   */
  kind: 'corrupt' | 'missing' | 'corrupt-revisions';
  reason: string;
  /** SHA-1 of the corrupt bytes (what the removal compares against); null for missing. */
  sha1: string | null;
}

export interface CheckReport {
  /** Records read. */
  records: number;
  /** Ids listed in idx:time, idx:stored or a feed index. */
  indexed: number;
  problems: StoreProblem[];
}

// why in Lua: the record, its memberships and its index entries go together, and only if the record is still the
// corrupt one scanned (ARGV[3] its SHA-1) or still absent (ARGV[3] empty)
const REMOVE_SCRIPT = `
local p, id, sha = ARGV[1], ARGV[2], ARGV[3]
local akey = p .. 'article:' .. id
local raw = redis.call('GET', akey)
if sha == '' then
  if raw then return 0 end
elseif (not raw) or redis.sha1hex(raw) ~= sha then
  return 0
end
redis.call('DEL', akey)
local nkey = akey .. ':names'
local ntype = redis.call('TYPE', nkey)['ok']
local members = {}
if ntype == 'string' then
  for m in string.gmatch(redis.call('GET', nkey), '[^\\n]+') do members[#members + 1] = m end
elseif ntype == 'set' then
  members = redis.call('SMEMBERS', nkey)
end
for _, m in ipairs(members) do
  local c = string.find(m, ':', 1, true)
  if c and redis.call('SREM', p .. 'idx:' .. m, id) == 1 then
    local kind, norm = string.sub(m, 1, c - 1), string.sub(m, c + 1)
    local left = tonumber(redis.call('ZINCRBY', p .. 'rank:' .. kind, -1, norm))
    if left <= 0 then redis.call('ZREM', p .. 'rank:' .. kind, norm) end
  end
end
redis.call('DEL', nkey, akey .. ':revs')
redis.call('ZREM', p .. 'idx:time', id)
redis.call('ZREM', p .. 'idx:stored', id)
redis.call('ZREM', p .. 'idx:revised', id)
redis.call('ZREM', p .. 'idx:updated', id)
redis.call('ZREM', p .. 'recheck', id)
for _, f in ipairs(redis.call('SMEMBERS', p .. 'feeds')) do redis.call('ZREM', p .. 'idx:feed:' .. f, id) end
return 1
`;

const removeScript = luaScript<number>('nfRemoveArticle', REMOVE_SCRIPT);

// why compare-and-delete: a worker may have stored a new version (and new :revs) since the scan
const REMOVE_REVISIONS_SCRIPT = `
local raw = redis.call('GET', ARGV[1])
if (not raw) or redis.sha1hex(raw) ~= ARGV[2] then return 0 end
redis.call('DEL', ARGV[1])
return 1
`;

const removeRevisionsScript = luaScript<number>('nfRemoveRevisions', REMOVE_REVISIONS_SCRIPT);

/** Read every record and every indexed id; `batch` records per round trip. */
export async function checkStore(redis: Redis, prefix: string, opts: { batch?: number } = {}): Promise<CheckReport> {
  const k = storeKeys(prefix);
  const batch = opts.batch ?? 200;
  const problems: StoreProblem[] = [];
  const escaped = k.article('').replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const recordKey = new RegExp(`^${escaped}[^:]+$`, 'u');
  const revisionsKey = new RegExp(`^${escaped}([^:]+):revs$`, 'u');
  const stored = new Set<string>();
  let records = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${k.article('')}*`, 'COUNT', 1000);
    cursor = next;
    const own = keys.filter((key) => recordKey.test(key));
    const revs = keys.filter((key) => revisionsKey.test(key));
    for (let i = 0; i < revs.length; i += batch) {
      const slice = revs.slice(i, i + batch);
      const values = await redis.mgetBuffer(...slice);
      slice.forEach((key, j) => {
        const raw = values[j];
        const id = revisionsKey.exec(key)![1]!;
        if (!raw) return;
        try {
          decodeRevisions(raw, id);
        } catch (err) {
          if (!(err instanceof CorruptRecordError)) throw err;
          problems.push({ id, kind: 'corrupt-revisions', reason: err.reason, sha1: createHash('sha1').update(raw).digest('hex') });
        }
      });
    }
    for (let i = 0; i < own.length; i += batch) {
      const slice = own.slice(i, i + batch);
      const values = await redis.mgetBuffer(...slice);
      slice.forEach((key, j) => {
        const raw = values[j];
        if (!raw) return; // deleted since the scan
        const id = key.slice(k.article('').length);
        stored.add(id);
        records++;
        try {
          decodeRecord(raw, id);
        } catch (err) {
          if (!(err instanceof CorruptRecordError)) throw err;
          // why the hash: the removal compares against the bytes scanned, not whatever is stored by then
          problems.push({ id, kind: 'corrupt', reason: err.reason, sha1: createHash('sha1').update(raw).digest('hex') });
        }
      });
    }
  } while (cursor !== '0');

  const feeds = await redis.smembers(k.feeds);
  const indexed = new Set<string>();
  for (const key of [k.byTime, k.byStored, k.byRevised, k.byUpdated, k.recheck, ...feeds.map((f) => k.byFeed(f))])
    for (const id of await redis.zrange(key, '0', '-1')) indexed.add(id);
  const unknown = [...indexed].filter((id) => !stored.has(id));
  for (let i = 0; i < unknown.length; i += batch) {
    const slice = unknown.slice(i, i + batch);
    const pipe = redis.pipeline();
    for (const id of slice) pipe.exists(k.article(id));
    const replies = (await pipe.exec()) ?? [];
    slice.forEach((id, j) => {
      if (replies[j]?.[1] === 0) problems.push({ id, kind: 'missing', reason: 'listed in the indexes, but no record is stored', sha1: null });
    });
  }
  return { records, indexed: indexed.size, problems };
}

/** Remove what `problems` found; returns the ids removed (a record rewritten since the check is kept). */
export async function repairStore(redis: Redis, prefix: string, problems: readonly StoreProblem[]): Promise<string[]> {
  const removed: string[] = [];
  for (const p of problems) {
    if (p.kind === 'corrupt-revisions') {
      if ((await removeRevisionsScript(redis, storeKeys(prefix).articleRevisions(p.id), p.sha1 ?? '-')) === 1) removed.push(p.id);
      continue;
    }
    if ((await removeScript(redis, prefix, p.id, p.kind === 'corrupt' ? (p.sha1 ?? '-') : '')) === 1) removed.push(p.id);
  }
  return removed;
}
