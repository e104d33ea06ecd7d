/**
 * Argument parsing shared by the commands: every bad value becomes a UsageError (exit code 2) that says
 * what a good one looks like.
 */
import { UsageError } from '../domain/errors.js';
import { QUEUE_NAMES, type QueueName } from '../queues/names.js';

/** Job states a listing can ask for, in the order an operator reads them. */
export const LISTABLE_STATES = ['active', 'waiting', 'prioritized', 'delayed', 'failed', 'completed'] as const;
export type ListableState = (typeof LISTABLE_STATES)[number];

export function parseQueue(name: string): QueueName {
  if ((QUEUE_NAMES as readonly string[]).includes(name)) return name as QueueName;
  throw new UsageError(`unknown queue "${name}": use one of ${QUEUE_NAMES.join(', ')}`);
}

/** `all` or one queue name → the queues it means. */
export function parseQueueOrAll(name: string): QueueName[] {
  return name === 'all' ? [...QUEUE_NAMES] : [parseQueue(name)];
}

export function parseState(state: string, allowed: readonly string[] = LISTABLE_STATES): ListableState {
  if (allowed.includes(state)) return state as ListableState;
  throw new UsageError(`unknown job state "${state}": use one of ${allowed.join(', ')}`);
}

/**
 * A whole number of things (jobs, frames, a port) in min..max. Only plain decimal digits: `Number()` would take
 * "", " 5", "0x10", "1e3" and "1.0", none of which an operator means as a count.
 */
export function parseCount(flag: string, value: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
  const n = /^\d+$/u.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be an integer ${range}, got "${value}"`);
  return n;
}

/** A number of seconds > 0 and ≤ max (decimals allowed: "0.5"); plain digits only, as in parseCount. */
export function parseSeconds(flag: string, value: string, max = 7 * 24 * 3600): number {
  const n = /^\d+(\.\d+)?$/u.test(value) ? Number(value) : Number.NaN;
  if (!(n > 0 && n <= max)) throw new UsageError(`${flag} must be a number of seconds, more than 0 and at most ${max}, got "${value}"`);
  return n;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "90s", "15m", "2h", "7d", "1w" or a plain number of seconds → milliseconds. */
export function parseDuration(flag: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)?$/u.exec(value.trim());
  const ms = m ? Math.round(Number(m[1]) * UNIT_MS[m[2] ?? 's']!) : Number.NaN;
  // why the bound: 400 digits of "d" are Infinity, and timers take at most 2^31-1 ms
  if (!Number.isSafeInteger(ms)) throw new UsageError(`${flag} takes a duration like 30s, 15m, 2h or 7d, got "${value}"`);
  return ms;
}

/** An ISO date (2020-09-01, 2020-09-01T12:00Z) or undefined; anything else is a usage error. */
export function parseDate(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Number.isNaN(Date.parse(value))) throw new UsageError(`${flag} takes a date like 2020-09-01, got "${value}"`);
  return value;
}
