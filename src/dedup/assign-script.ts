/**
 * The one Lua script that assigns an article to a story: lookup, verification, insert and cluster merge in a
 * single atomic step, so two dedup workers running at once cannot miss each other's articles.
 *
 * Clustering is order-free: two articles are linked when they share an exact key (URL, normalized text) or an
 * LSH band and pass the symmetric sketch test; a story is a connected component of those links, and its root
 * is the member with the smallest article id. Whatever the arrival order, the same set of articles ends up
 * with the same links, hence the same components and the same roots.
 *
 * Keys are built inside the script from the prefix (ARGV[1]): this needs a standalone Redis, not a cluster.
 */
import type { Fingerprint } from './fingerprint.js';
import { BAND_REM_BITS, K } from './fingerprint.js';
import type { NearThresholds } from './similarity.js';

/**
 * Lua: article ids compared in byte order, not strcoll, so which copy is a story's root never depends on the
 * server's locale. Shared by the assign and forget scripts (a story's root is the least id in both).
 */
export const LUA_BYTE_LESS = `local function less(a, b)
  local n = math.min(#a, #b)
  for i = 1, n do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end`;

export const ASSIGN_LUA = `
local P = ARGV[1]
local id = ARGV[2]
local function rootOf(s)
  local n = tonumber(s)
  return tonumber(redis.call('HGET', P .. 'r:' .. math.floor(n / 128), n % 128) or n)
end
${LUA_BYTE_LESS}
-- the copy record starts with the article id and a newline
local function idOf(s)
  local n = tonumber(s)
  local v = redis.call('HGET', P .. 'c:' .. math.floor(n / 128), n % 128)
  return string.match(v, '^[^\\n]*')
end

-- ARGV[9..11] (optional): story labels kept in the same atomic step: key ARGV[9] .. article id .. ARGV[10] holds
-- ARGV[11] .. root id, for this article and for every copy a merge re-labels
local labelled = ARGV[9] ~= nil and ARGV[9] ~= ''
local function label(articleId, rootId)
  if labelled then redis.call('SET', ARGV[9] .. articleId .. ARGV[10], ARGV[11] .. rootId) end
end
local function reply(r)
  label(id, r[1])
  return r
end

local known = redis.call('HGET', P .. 'i:' .. ARGV[3], id)
if known then
  return reply({idOf(rootOf(known)), 0, {}, '', {}})
end
local seq = redis.call('INCR', P .. 'seq')
local hi, lo = math.floor(seq / 128), seq % 128
redis.call('HSET', P .. 'i:' .. ARGV[3], id, seq)
redis.call('HSET', P .. 'c:' .. hi, lo, ARGV[5])
local sketch = ARGV[4]
local minJ, minC, minJC = string.match(ARGV[6], '(%S+) (%S+) (%S+)')
minJ, minC, minJC = tonumber(minJ), tonumber(minC), tonumber(minJC)

-- one call when the posting is new (the common case), three when it already lists other articles
local function post(key, field, found)
  if redis.call('HSETNX', key, field, seq) == 1 then return end
  local cur = redis.call('HGET', key, field)
  for s in string.gmatch(cur, '%d+') do
    if tonumber(s) ~= seq then found[tonumber(s)] = true end
  end
  if not string.find(',' .. cur .. ',', ',' .. seq .. ',', 1, true) then
    redis.call('HSET', key, field, cur .. ',' .. seq)
  end
end

-- band postings: members seq * 2^remBits + rem of a small-integer set (an intset: 4 bytes a member)
local remMod = ${2 ** BAND_REM_BITS}
local function postBand(key, rem, found)
  rem = tonumber(rem)
  for _, v in ipairs(redis.call('SMEMBERS', key)) do
    v = tonumber(v)
    if v % remMod == rem then
      local s = math.floor(v / remMod)
      if s ~= seq then found[s] = true end
    end
  end
  redis.call('SADD', key, seq * remMod + rem)
end

local exactFound, bandFound = {}, {}
for b, f in string.gmatch(ARGV[7], '(%S+) (%S+)') do post(P .. 'x:' .. b, f, exactFound) end
for b, f in string.gmatch(ARGV[8], '(%S+) (%S+)') do postBand(P .. 'b:' .. b, f, bandFound) end
if sketch ~= '' then redis.call('HSET', P .. 'k:' .. hi, lo, sketch) end

local matched, sims = {}, {}
-- why the check: a posting left behind by retention (src/dedup/forget.ts: a fingerprint recomputed by another
-- version of the code may miss one) must not name an article whose copy record is gone
for s in pairs(exactFound) do
  if redis.call('HEXISTS', P .. 'c:' .. math.floor(s / 128), s % 128) == 1 then matched[s] = '1' end
end
local nbytes = ${K / 4}
local function count(s)
  return string.byte(s, nbytes + 1) * 256 + string.byte(s, nbytes + 2)
end
for s in pairs(bandFound) do
  if not matched[s] and sketch ~= '' then
    local other = redis.call('HGET', P .. 'k:' .. math.floor(s / 128), s % 128)
    if other and #other == #sketch then
      local m = 0
      for i = 1, nbytes do
        local x = bit.bxor(string.byte(sketch, i), string.byte(other, i))
        for _ = 1, 4 do
          if bit.band(x, 3) == 0 then m = m + 1 end
          x = bit.rshift(x, 2)
        end
      end
      local j = (4 * m / ${K} - 1) / 3
      if j < 0 then j = 0 end
      local na, nb2 = count(sketch), count(other)
      local small = math.min(na, nb2)
      local c = 0
      if small > 0 then c = math.min(1, j * (na + nb2) / ((1 + j) * small)) end
      if j >= minJ or (c >= minC and j >= minJC) then matched[s] = string.format('%.4f', j) end
    end
  end
end

local matchedIds, best = {}, nil
for s, sim in pairs(matched) do
  table.insert(matchedIds, idOf(s))
  if best == nil or tonumber(sim) > tonumber(best) then best = sim end
end
if best == nil then
  return reply({id, 1, {}, '', {}})
end

-- union: the new root is the smallest article id among the old roots and the newcomer
local roots = {}
for s in pairs(matched) do roots[rootOf(s)] = true end
local newRoot, newRootId = seq, id
for r in pairs(roots) do
  local rid = idOf(r)
  if less(rid, newRootId) then newRoot, newRootId = r, rid end
end
local mkey = P .. 'm:' .. newRoot
local merged = {}
local function move(s)
  redis.call('SADD', mkey, s)
  if s == newRoot then
    redis.call('HDEL', P .. 'r:' .. math.floor(s / 128), s % 128)
  else
    redis.call('HSET', P .. 'r:' .. math.floor(s / 128), s % 128, newRoot)
  end
end
move(newRoot)
move(seq)
for r in pairs(roots) do
  if r ~= newRoot then
    local rid = idOf(r)
    table.insert(merged, rid)
    local members = redis.call('SMEMBERS', P .. 'm:' .. r)
    if #members == 0 then members = {r} end
    for _, s in ipairs(members) do
      move(tonumber(s))
      label(idOf(s), newRootId)
    end
    redis.call('DEL', P .. 'm:' .. r)
    redis.call('ZREM', P .. 'stories', rid)
  end
end
redis.call('ZADD', P .. 'stories', redis.call('SCARD', mkey), newRootId)
table.sort(matchedIds, less)
table.sort(merged, less)
return reply({newRootId, 0, matchedIds, best, merged})
`;

/** Reply of the script: root article id, isNew flag, matched ids, best similarity ('' if none), merged roots. */
export type AssignReply = [string, number, string[], string, string[]];

/** A fingerprint as the script reads it: the sketch, and the exact and band postings each packed "bucket field …". */
export interface PackedFingerprint {
  sketch: Buffer | null;
  exact: string;
  bands: string;
}

/** Pack a fingerprint for the script (fewer arguments: the client's per-argument cost dominates at this size). */
export function packFingerprint(fp: Fingerprint): PackedFingerprint {
  const pack = (ps: readonly { bucket: string; field: string }[]) => ps.map((p) => `${p.bucket} ${p.field}`).join(' ');
  return { sketch: fp.sketch, exact: pack(fp.exact), bands: pack(fp.bands) };
}

/** Story labels the script keeps: key `keyPrefix + article id + keySuffix` holds `storyPrefix + root article id`. */
export interface StoryLabels {
  keyPrefix: string;
  keySuffix: string;
  storyPrefix: string;
}

/**
 * ARGV of the script for one article: prefix, id, id bucket, sketch, metadata, thresholds, the exact and the band
 * postings (packed), then optionally where the story labels live.
 */
export function assignArgs(
  base: string,
  id: string,
  idBucket: string,
  fp: Fingerprint | PackedFingerprint,
  meta: string,
  t: NearThresholds,
  labels: StoryLabels | null = null,
): (string | Buffer)[] {
  const p = 'shingles' in fp ? packFingerprint(fp) : fp;
  const args: (string | Buffer)[] = [
    base,
    id,
    idBucket,
    p.sketch ?? '',
    meta,
    `${t.minJaccard} ${t.minContainment} ${t.minJaccardContained}`,
    p.exact,
    p.bands,
  ];
  if (labels) args.push(labels.keyPrefix, labels.keySuffix, labels.storyPrefix);
  return args;
}
