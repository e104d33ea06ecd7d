/** Small value helpers shared by the feed parsers. */
import type { FeedEntry } from './feed-types.js';

/** A trimmed non-empty string, else null. */
export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** An ISO timestamp from a date string, null when absent or unreadable. */
export function isoOrNull(s: unknown): string | null {
  if (typeof s !== 'string' || !s.trim()) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** First entry per URL (feeds repeat items; two tracking links of one story canonicalize to one URL). */
export function dedupeEntries(items: FeedEntry[]): FeedEntry[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    if (seen.has(i.url)) return false;
    seen.add(i.url);
    return true;
  });
}
