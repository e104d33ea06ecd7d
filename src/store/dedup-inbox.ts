/**
 * The dedup inbox: the queue-backed hand-off from the store to the dedup stage. Saving a record appends its dedup
 * entry (id and fingerprint, the DedupJobData JSON) to one Redis list in the same atomic step as the record, so a
 * stored article is always in the inbox, in a batch or deduplicated. Dedup batch jobs take entries in bulk.
 *
 * why batches and not a BullMQ job per article: a job's fixed cost is a large part of an article's queue overhead
 * (BENCHMARKS.md); a batch job takes up to DEDUP_BATCH_MAX entries for the same cost.
 *
 * Waking: a save that appends to the inbox also raises the `due` flag when it is down, and the worker whose save
 * raised it adds a batch job (src/workers/dedup-worker.ts). A batch job lowers the flag *before* it takes entries,
 * so any later save raises it again. The flag expires (INBOX_DUE_MS): a worker that died between its save and adding
 * the job delays the inbox by that long at most, and workers sweep the inbox (`wake`) on start and periodically.
 *
 * Keys `<p>inbox:dedup`, `:due` and `:batch:<jobId>` (a batch's entries, kept across the job's retries so a failed
 * entry stays retryable with it): docs/redis-keys.md.
 */
import type { Redis } from 'ioredis';
import { luaScript } from './lua-script.js';

/** How long the `due` flag lives without a batch job taking the inbox. */
export const INBOX_DUE_MS = 10_000;
/** Most entries one batch job takes. */
export const DEDUP_BATCH_MAX = 500;
/**
 * How long a batch's entries outlive their last attempt.
 * why 31 days: failed dedup jobs are kept 30 days (src/queues/queues.ts), and their entries must stay retryable with them
 */
export const BATCH_KEEP_MS = 31 * 24 * 3600 * 1000;

export function inboxKeys(p: string) {
  const inbox = `${p}inbox:dedup`;
  return { inbox, due: `${inbox}:due`, batch: (jobId: string) => `${inbox}:batch:${jobId}` };
}

/**
 * Lua appending `entry` (a local) to the inbox under prefix `p` (a local) and setting the local `due` to 1 when this
 * call raised the flag (for `duems` ms, a local). Spliced into the store's save script and into `handOff` below.
 */
export const INBOX_PUSH_LUA = `
local due = 0
if entry ~= '' then
  redis.call('RPUSH', p .. 'inbox:dedup', entry)
  if redis.call('SET', p .. 'inbox:dedup:due', '1', 'NX', 'PX', duems) then due = 1 end
end
`;

const HANDOFF_SCRIPT = `
local p, entry, duems = ARGV[1], ARGV[2], ARGV[3]
${INBOX_PUSH_LUA}
return due
`;

// why one script: lowering the flag, taking the entries and parking them under the job are one atomic step, so no
// entry is taken twice or lost between two batch jobs, and a retry of the job finds its batch again
const CLAIM_SCRIPT = `
local p, job, max, keep, duems = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local inbox = p .. 'inbox:dedup'
local batch = inbox .. ':batch:' .. job
local items = redis.call('LRANGE', batch, 0, -1)
local resumed = 1
if #items == 0 then
  resumed = 0
  redis.call('DEL', inbox .. ':due')
  items = redis.call('LRANGE', inbox, 0, max - 1)
  if #items > 0 then
    redis.call('LTRIM', inbox, #items, -1)
    redis.call('RPUSH', batch, unpack(items))
  end
end
if #items > 0 then redis.call('PEXPIRE', batch, keep) end
local more = 0
if redis.call('LLEN', inbox) > 0 and redis.call('SET', inbox .. ':due', '1', 'NX', 'PX', duems) then more = 1 end
return {items, resumed, more}
`;

const WAKE_SCRIPT = `
local inbox = ARGV[1] .. 'inbox:dedup'
if redis.call('LLEN', inbox) > 0 and redis.call('SET', inbox .. ':due', '1', 'NX', 'PX', ARGV[2]) then return 1 end
return 0
`;

const handOffScript = luaScript<number>('nfInboxHandOff', HANDOFF_SCRIPT);
const claimScript = luaScript<[string[], number, number]>('nfInboxClaim', CLAIM_SCRIPT);
const wakeScript = luaScript<number>('nfInboxWake', WAKE_SCRIPT);

export interface Claimed {
  /** The batch's entries (raw JSON). */
  entries: string[];
  /** True when the entries were already the job's (a retry or a job taken over from a worker that died). */
  resumed: boolean;
  /** True when entries are left in the inbox and this call raised the flag: the caller adds the next batch job. */
  more: boolean;
}

export class DedupInbox {
  readonly keys: ReturnType<typeof inboxKeys>;
  constructor(
    private readonly redis: Redis,
    readonly prefix: string,
  ) {
    this.keys = inboxKeys(prefix);
  }

  /** Append one entry (the store's save does this itself); true when the caller must add a batch job. */
  async handOff(entry: string): Promise<boolean> {
    return (await handOffScript(this.redis, this.prefix, entry, INBOX_DUE_MS)) === 1;
  }

  /** Take up to `max` entries for batch job `jobId`, or the entries it took before (a retry). */
  async claim(jobId: string, max = DEDUP_BATCH_MAX): Promise<Claimed> {
    const [entries, resumed, more] = await claimScript(this.redis, this.prefix, jobId, max, BATCH_KEEP_MS, INBOX_DUE_MS);
    return { entries, resumed: resumed === 1, more: more === 1 };
  }

  /** Done with a batch: keep only the entries that failed (for the job's next attempt). */
  async settle(jobId: string, failed: readonly string[]): Promise<void> {
    const key = this.keys.batch(jobId);
    const multi = this.redis.multi().del(key);
    if (failed.length) multi.rpush(key, ...failed).pexpire(key, BATCH_KEEP_MS);
    // why look at each reply: a MULTI resolves even when one of its commands failed
    const err = (await multi.exec())?.find(([e]) => e)?.[0];
    if (err) throw err;
  }

  /** Raise the flag when entries wait and no batch job is due; true when the caller must add a batch job. */
  async wake(): Promise<boolean> {
    return (await wakeScript(this.redis, this.prefix, INBOX_DUE_MS)) === 1;
  }

  /** Entries waiting for a batch job. */
  async length(): Promise<number> {
    return this.redis.llen(this.keys.inbox);
  }
}
