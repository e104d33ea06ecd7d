/**
 * Deterministic ids: an article's id (and its job id) is a hash of its canonical URL, so the same story
 * from two feeds or two tracking links becomes one job and one record.
 */
import { createHash } from 'node:crypto';

/** 20 hex chars of SHA-256 of the canonical URL (80 bits: collision-free at any realistic corpus size). */
export function articleId(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 20);
}

/** Job id of a feed poll: one per feed and time slot, so two schedulers firing together poll once. */
export function feedPollJobId(feedId: string, slot: string): string {
  return `poll-${createHash('sha256').update(feedId).digest('hex').slice(0, 12)}-${slot}`;
}

/**
 * Job id of a re-fetch: the article id, `u` and the source's change time, or `r` and the re-check's due time (ms).
 * why deterministic: a feed listing the same change on every poll, or two workers sweeping the same due re-check,
 * add one job; why not the article id alone: that is the first fetch's job id, kept a day after it completes
 */
export function refetchJobId(articleId: string, kind: 'u' | 'r', ms: number): string {
  return `${articleId}-${kind}${ms}`;
}
