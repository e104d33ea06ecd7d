/**
 * Forget an article's fingerprint (retention): its exact and band postings, its sketch, copy record and seq leave
 * the dedup index, and its story goes on without it. A later copy of the same text finds nothing to match and
 * starts a new story.
 *
 * A story that loses a member keeps its other members together (the links through the forgotten member are not
 * re-checked: the story stays as it was seen). When the root leaves, the smallest remaining article id becomes
 * the root, so the story's id changes as it does on a merge, and the remaining members' story labels follow.
 */
import type { Redis } from 'ioredis';
import { BAND_REM_BITS } from './fingerprint.js';
import type { DedupFingerprint } from './index.js';
import { hashString } from './fingerprint.js';
import { luaScript } from '../store/lua-script.js';
import { LUA_BYTE_LESS } from './assign-script.js';

const FORGET_LUA = `
local P, id = ARGV[1], ARGV[2]
local ikey = P .. 'i:' .. ARGV[3]
local s = redis.call('HGET', ikey, id)
if not s then return {0, ''} end
local seq = tonumber(s)
local function hk(kind, n) return P .. kind .. ':' .. math.floor(n / 128) end
local function idOf(n) return string.match(redis.call('HGET', hk('c', n), n % 128), '^[^\\n]*') end
${LUA_BYTE_LESS}
local labelled = ARGV[6] ~= nil and ARGV[6] ~= ''
local function label(articleId, rootId)
  if labelled then redis.call('SET', ARGV[6] .. articleId .. ARGV[7], ARGV[8] .. rootId) end
end
for b, f in string.gmatch(ARGV[4], '(%S+) (%S+)') do
  local key = P .. 'x:' .. b
  local cur = redis.call('HGET', key, f)
  if cur then
    local left = {}
    for x in string.gmatch(cur, '%d+') do
      if tonumber(x) ~= seq then left[#left + 1] = x end
    end
    if #left == 0 then redis.call('HDEL', key, f) else redis.call('HSET', key, f, table.concat(left, ',')) end
  end
end
local remMod = ${2 ** BAND_REM_BITS}
for b, r in string.gmatch(ARGV[5], '(%S+) (%S+)') do
  redis.call('SREM', P .. 'b:' .. b, seq * remMod + tonumber(r))
end
redis.call('HDEL', hk('k', seq), seq % 128)
local rootS = redis.call('HGET', hk('r', seq), seq % 128)
local root = seq
if rootS then root = tonumber(rootS) end
local mkey = P .. 'm:' .. root
local newRootId = ''
if redis.call('EXISTS', mkey) == 1 then
  redis.call('HDEL', hk('r', seq), seq % 128)
  redis.call('SREM', mkey, seq)
  local members = redis.call('SMEMBERS', mkey)
  if root ~= seq then
    local rootId = idOf(root)
    if #members <= 1 then
      redis.call('DEL', mkey)
      redis.call('ZREM', P .. 'stories', rootId)
    else
      redis.call('ZADD', P .. 'stories', #members, rootId)
    end
  else
    -- the root leaves: the smallest remaining article id (byte order) becomes the root
    redis.call('ZREM', P .. 'stories', id)
    redis.call('DEL', mkey)
    local best, bestId = nil, nil
    for _, m in ipairs(members) do
      local mid = idOf(tonumber(m))
      if bestId == nil or less(mid, bestId) then best, bestId = tonumber(m), mid end
    end
    if best ~= nil then
      newRootId = bestId
      local nkey = P .. 'm:' .. best
      for _, m in ipairs(members) do
        local n = tonumber(m)
        if #members > 1 then redis.call('SADD', nkey, n) end
        if n == best or #members == 1 then redis.call('HDEL', hk('r', n), n % 128) else redis.call('HSET', hk('r', n), n % 128, best) end
        label(idOf(n), bestId)
      end
      if #members > 1 then redis.call('ZADD', P .. 'stories', #members, bestId) end
    end
  end
end
redis.call('HDEL', hk('c', seq), seq % 128)
redis.call('HDEL', ikey, id)
return {1, newRootId}
`;

const forgetScript = luaScript<[number, string]>('nfDedupForget', FORGET_LUA);

const idBucket = (id: string) => (hashString(id) & 0x3fff).toString(36);

export interface ForgetResult {
  /** The article had a fingerprint in the index. */
  forgotten: boolean;
  /** When it was the root of a story of several: the article id of the new root ('' otherwise). */
  newRootId: string;
}

/**
 * Remove an article's fingerprint `fp` (as dedupFingerprint computes it from the stored record) from the index at
 * `prefix` (atomic; idempotent). `storyKeys`: the store's article:<id>:story keys, re-labelled when the root leaves.
 */
export async function forgetFingerprint(
  redis: Redis,
  prefix: string,
  id: string,
  fp: Pick<DedupFingerprint, 'exact' | 'bands'>,
  storyKeys?: { prefix: string; suffix: string },
): Promise<ForgetResult> {
  const labels = storyKeys ? [storyKeys.prefix, storyKeys.suffix, 's-'] : [];
  const [n, newRootId] = await forgetScript(redis, `${prefix}dedup:`, id, idBucket(id), fp.exact, fp.bands, ...labels);
  return { forgotten: n === 1, newRootId };
}
