/**
 * Retry policy: jittered exponential backoff on retryable failures (timeouts, network errors, 408/425/429, 5xx),
 * never shorter than what the server asked for with Retry-After. Short waits are taken in-process; long ones
 * are handed to the job queue (the worker delays the job instead of burning its attempts).
 */
import { FetchError, isRetryable } from '../domain/errors.js';

export interface RetryPolicy {
  /** Tries in-process, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Fraction of each delay that is random (0 = none, 1 = "full jitter"). */
  jitter: number;
  /** Waits longer than this are not slept through: the error goes up so the job can be delayed. */
  maxInlineWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000, jitter: 0.5, maxInlineWaitMs: 10_000 };

/** Delay before retry number `retry` (1 = first retry): base·2^(retry-1), capped, the jittered part drawn from `random`. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  // why jitter: workers that failed together must not come back together (thundering herd on a recovering host)
  return Math.round(full * (1 - policy.jitter) + full * policy.jitter * random());
}

/** Milliseconds the server asked us to wait (Retry-After on 429/503), null when it did not say. */
export function serverWaitMs(err: unknown): number | null {
  return err instanceof FetchError && err.retryAfterSeconds !== null ? err.retryAfterSeconds * 1000 : null;
}

/** How long to wait before retry number `retry` after `err`, or null when a retry cannot help. */
export function retryDelayFor(err: unknown, retry: number, policy: RetryPolicy, random: () => number = Math.random): number | null {
  if (!isRetryable(err)) return null;
  return Math.max(backoffDelay(retry, policy, random), serverWaitMs(err) ?? 0);
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (err: unknown, retry: number, delayMs: number) => void;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Run `fn`, retrying retryable failures in-process while the wait stays under `maxInlineWaitMs`. */
export async function withRetries<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const delay = retryDelayFor(err, attempt, policy, hooks.random);
      if (delay === null || attempt >= policy.attempts || delay > policy.maxInlineWaitMs) throw err;
      hooks.onRetry?.(err, attempt, delay);
      await (hooks.sleep ?? realSleep)(delay);
    }
  }
}
