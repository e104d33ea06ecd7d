/**
 * Redis error replies that no retry fixes (a read-only replica, a missing ACL permission, maxmemory, a failing
 * disk) turned into one line that says what is wrong and what to do, instead of an ioredis stack.
 */
import type { Redis } from 'ioredis';
import { NewsflowError } from '../domain/errors.js';

const REFUSALS: Array<{ re: RegExp; says: string }> = [
  {
    re: /\bREADONLY\b/u,
    says:
      'Redis refused a write: it is a read-only replica (READONLY). Point --redis-url or REDIS_URL at the primary; ' +
      'read commands (queues, jobs, results, show, export) work against a replica',
  },
  {
    re: /\bNOPERM\b/u,
    says:
      'Redis refused a command: the user has no permission for it (NOPERM). ' +
      'Grant it in the ACL (newsflow needs read, write and Lua scripts on its keys), or use another user',
  },
  { re: /\bOOM\b/u, says: 'Redis refused a write: it is out of memory (OOM, maxmemory reached). Free memory (newsflow clean …) or raise maxmemory' },
  { re: /\bMISCONF\b/u, says: 'Redis refused a write: it cannot save to disk (MISCONF). Check the disk and the Redis log' },
];

/** A NewsflowError for a Redis refusal, or null when `err` is not one. */
export function redisRefusal(err: unknown): NewsflowError | null {
  if (!(err instanceof Error) || err instanceof NewsflowError) return null;
  // why the name too: ioredis wraps a MULTI's failed command in EXECABORT, with the cause in `previousErrors`
  const texts = [err.message, ...((err as { previousErrors?: Error[] }).previousErrors ?? []).map((e) => e.message)];
  if (err.name !== 'ReplyError' && !texts.some((t) => /^(READONLY|NOPERM|OOM|MISCONF|EXECABORT)\b/u.test(t))) return null;
  for (const r of REFUSALS) {
    const reply = texts.find((t) => r.re.test(t));
    if (reply)
      return new NewsflowError('REDIS_UNAVAILABLE', `${r.says}. (Redis said: ${reply.split('. script:')[0]!.trim().replace(/\.$/u, '')})`, { cause: err });
  }
  return null;
}

/**
 * Throw the refusal now when this Redis does not take writes, before a command starts work that needs them
 * (replay starts workers that would only log the refusal over and over).
 */
export async function assertWritable(redis: Redis, prefix: string): Promise<void> {
  try {
    await redis.set(`${prefix}cli:write-check`, '1', 'PX', 1000);
  } catch (err) {
    throw redisRefusal(err) ?? err;
  }
}
