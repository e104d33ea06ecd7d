/**
 * The re-check schedule (`<p>recheck`: id → when its next re-check is due, ms): a stored article is fetched again at
 * decaying offsets after it was first stored or last revised (NEWSFLOW_RECHECK). One sorted-set entry per article
 * still on its schedule is all it costs; it survives restarts with the rest of the store.
 */
import type { Redis } from 'ioredis';
import { storeKeys } from './keys.js';
import { luaScript } from './lua-script.js';

export interface DueRecheck {
  id: string;
  dueMs: number;
}

/** Up to `max` re-checks due at `nowMs`, oldest first. */
export async function dueRechecks(redis: Redis, prefix: string, nowMs: number, max: number): Promise<DueRecheck[]> {
  const flat = await redis.zrangebyscore(storeKeys(prefix).recheck, '-inf', String(nowMs), 'WITHSCORES', 'LIMIT', 0, max);
  const out: DueRecheck[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push({ id: flat[i]!, dueMs: Number(flat[i + 1]) });
  return out;
}

// why a compare-and-set on the due time: two sweeping workers advance an entry once, and an entry a new version
// re-armed meanwhile (the save script) keeps its new time.
// why the base from idx:revised, else idx:stored: the schedule restarts when the article changes (edits come in bursts)
const ADVANCE_SCRIPT = `
local p, now, n = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local key = p .. 'recheck'
local advanced = 0
for i = 4 + n, #ARGV, 2 do
  local id, due = ARGV[i], tonumber(ARGV[i + 1])
  local cur = redis.call('ZSCORE', key, id)
  if cur and tonumber(cur) == due then
    local base = redis.call('ZSCORE', p .. 'idx:revised', id) or redis.call('ZSCORE', p .. 'idx:stored', id)
    local nextdue = nil
    if base then
      for j = 1, n do
        local t = tonumber(base) + tonumber(ARGV[3 + j])
        if t > now and t > due then
          nextdue = t
          break
        end
      end
    end
    if nextdue then redis.call('ZADD', key, nextdue, id) else redis.call('ZREM', key, id) end
    advanced = advanced + 1
  end
end
return advanced
`;

const advanceScript = luaScript<number>('nfAdvanceRecheck', ADVANCE_SCRIPT);

/**
 * Move each re-check taken at `nowMs` to its article's next step after it (a step already past is skipped), or off
 * the schedule when none is left. Returns how many moved (entries changed since they were read are left alone).
 */
export async function advanceRechecks(
  redis: Redis,
  prefix: string,
  offsetsMs: readonly number[],
  nowMs: number,
  taken: readonly DueRecheck[],
): Promise<number> {
  if (!taken.length) return 0;
  return advanceScript(redis, prefix, nowMs, offsetsMs.length, ...offsetsMs, ...taken.flatMap((t) => [t.id, t.dueMs]));
}

/** When a record stored (or revised) at `atMs` is first re-checked; undefined when re-checks are off. */
export function firstRecheck(offsetsMs: readonly number[], atMs: number): number | undefined {
  return offsetsMs.length ? atMs + offsetsMs[0]! : undefined;
}
