/**
 * A Lua script run by its hash: defined once per ioredis client as a custom command, so each call sends EVALSHA and
 * the script's arguments, not its text (ioredis loads the text once when Redis does not know the hash).
 */
import type { Redis } from 'ioredis';

/** Bind `lua` under `name` (unique per script) and return a caller taking the client and the script's arguments. */
export function luaScript<R>(name: string, lua: string, numberOfKeys = 0): (redis: Redis, ...args: Array<string | number | Buffer>) => Promise<R> {
  return (redis, ...args) => {
    const client = redis as unknown as Record<string, ((...a: Array<string | number | Buffer>) => Promise<R>) | undefined>;
    if (typeof client[name] !== 'function') redis.defineCommand(name, { numberOfKeys, lua });
    return client[name]!(...args);
  };
}
