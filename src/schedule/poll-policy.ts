/**
 * When a scheduled poll really fetches: failing feeds back off exponentially (up to a day, never dropped),
 * and a feed that declared itself fresh (RSS <ttl>, Cache-Control, Expires) is not fetched again before then.
 * Pure functions of the feed's state and the clock.
 */
import type { FeedState } from '../store/feed-state.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** First backoff after a failure; doubles with each failure in a row. */
export const FAILURE_BACKOFF_BASE_MS = 5 * MINUTE;
/** The longest a failing feed waits between tries: it is never given up. */
export const FAILURE_BACKOFF_MAX_MS = DAY;
/** The longest a feed's own freshness claim is honoured (a wrong ttl must not silence a feed for weeks). */
export const FRESHNESS_MAX_MS = DAY;
/** Scheduler ticks run a little early or late; a freshness boundary this close counts as reached. */
export const FRESHNESS_GRACE_MS = MINUTE;

/** Backoff after `failures` failures in a row: 5 min, 10, 20, … capped at a day. */
export function failureBackoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(FAILURE_BACKOFF_MAX_MS, FAILURE_BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 20));
}

/** Until when a feed fetched at `at` may be left alone: the longer of RSS <ttl> and HTTP freshness, capped; null when neither says. */
export function freshUntil(at: Date, ttlMinutes: number | null, httpFreshSeconds: number | null): string | null {
  const ms = Math.max((ttlMinutes ?? 0) * MINUTE, (httpFreshSeconds ?? 0) * 1000);
  if (ms <= 0) return null;
  return new Date(at.getTime() + Math.min(ms, FRESHNESS_MAX_MS)).toISOString();
}

export type PollTrigger = 'schedule' | 'replay' | 'manual';

export type PollDecision = { poll: true } | { poll: false; reason: string; until: string };

/** Whether a poll triggered by `trigger` should fetch now. Manual and replay polls always do. */
export function pollDecision(state: Pick<FeedState, 'backoffUntil' | 'freshUntil' | 'consecutiveFailures'>, now: Date, trigger: PollTrigger): PollDecision {
  if (trigger !== 'schedule') return { poll: true };
  const t = now.getTime();
  if (state.backoffUntil && Date.parse(state.backoffUntil) > t) {
    return { poll: false, reason: `backing off after ${state.consecutiveFailures} failure(s) in a row`, until: state.backoffUntil };
  }
  if (state.freshUntil && Date.parse(state.freshUntil) - FRESHNESS_GRACE_MS > t) {
    return { poll: false, reason: 'the feed said it stays fresh (ttl / Cache-Control)', until: state.freshUntil };
  }
  return { poll: true };
}
