/**
 * Remove records from the store with every key that references them: the record, its :names, :story and :revs
 * (previous versions) keys, idx:time, idx:stored, idx:revised, idx:updated, the re-check schedule, every
 * idx:feed:<feed>, the entity sets, and the rank counts (a name no article names any more leaves rank:<kind> and
 * names:<kind> too). The inverse of the save script in article-store.ts.
 */
import type { Redis } from 'ioredis';
import { luaScript } from './lua-script.js';

// why one script per batch: the indexes of a record change together with the record (as in the save), and the
// feed indexes are cleared with one ZREM per feed for the whole batch instead of one per feed and record
const REMOVE_SCRIPT = `
local p = ARGV[1]
local ids = {}
for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
local removed = 0
for _, id in ipairs(ids) do
  local akey = p .. 'article:' .. id
  local joined = redis.call('GET', akey .. ':names')
  if joined then
    for m in string.gmatch(joined, '[^\\n]+') do
      local c = string.find(m, ':', 1, true)
      local kind, norm = string.sub(m, 1, c - 1), string.sub(m, c + 1)
      if redis.call('SREM', p .. 'idx:' .. m, id) == 1 then
        local left = tonumber(redis.call('ZINCRBY', p .. 'rank:' .. kind, -1, norm))
        if left <= 0 then
          redis.call('ZREM', p .. 'rank:' .. kind, norm)
          redis.call('HDEL', p .. 'names:' .. kind, norm)
        end
      end
    end
  end
  removed = removed + redis.call('DEL', akey)
  redis.call('DEL', akey .. ':names', akey .. ':story', akey .. ':revs')
end
for i = 1, #ids, 1000 do
  local chunk = {}
  for j = i, math.min(i + 999, #ids) do chunk[#chunk + 1] = ids[j] end
  redis.call('ZREM', p .. 'idx:time', unpack(chunk))
  redis.call('ZREM', p .. 'idx:stored', unpack(chunk))
  redis.call('ZREM', p .. 'idx:revised', unpack(chunk))
  redis.call('ZREM', p .. 'idx:updated', unpack(chunk))
  redis.call('ZREM', p .. 'recheck', unpack(chunk))
  for _, feed in ipairs(redis.call('SMEMBERS', p .. 'feeds')) do
    redis.call('ZREM', p .. 'idx:feed:' .. feed, unpack(chunk))
  end
end
return removed
`;

const removeScript = luaScript<number>('nfRemoveArticles', REMOVE_SCRIPT);

/** Remove these records and their index entries (atomic; ids not stored are ignored). Returns how many were stored. */
export async function removeArticles(redis: Redis, prefix: string, ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  return removeScript(redis, prefix, ...ids);
}
