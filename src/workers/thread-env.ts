/**
 * A plain copy of the environment for extraction threads.
 * why: compromise reads `process.env.DEBUG_TAGS` each time it tags a word; Node's `process.env` calls into C++ on
 * every read, a plain object does not (figures: BENCHMARKS.md).
 * An extraction thread reads the environment only through such lookups and never changes it or starts processes,
 * so the copy cannot go stale in a way that matters. Process-wide code (the main thread) keeps the live object.
 */
export function useEnvSnapshot(): void {
  process.env = { ...process.env };
}
