/** Small human formats for tables: relative times, durations, ISO stamps. */

/** "4s", "12m", "3h", "5d": a compact duration. */
export function shortDuration(ms: number): string {
  const s = Math.abs(ms) / 1000;
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.round(s / 60)}m`;
  if (s < 86_400) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}

/** "3m ago" / "in 5m" relative to `now`, or "—" when there is no time. */
export function relTime(ts: number | null | undefined, now: number): string {
  if (ts === null || ts === undefined || !Number.isFinite(ts) || ts <= 0) return '—';
  const d = ts - now;
  return d > 0 ? `in ${shortDuration(d)}` : `${shortDuration(d)} ago`;
}

/** Epoch ms → ISO string, or null. */
export function isoOf(ts: number | null | undefined): string | null {
  return ts === null || ts === undefined || !Number.isFinite(ts) || ts <= 0 ? null : new Date(ts).toISOString();
}

/** A rate with one decimal under 10 and none above. */
export function rate(n: number): string {
  return n < 10 ? n.toFixed(1) : String(Math.round(n));
}
