/**
 * Reading the archive back: its day files newest first, each record once (whole members only; a record still in
 * Redis too — a run stopped between its fsync and its delete — is left to the caller, which reads Redis anyway).
 */
import { existsSync, readdirSync } from 'node:fs';
import type { ArticleRecord } from '../domain/types.js';
import { ARCHIVE_SUFFIX, dayFileLines } from './day-file.js';

/** The days that have a file in `dir`, newest first (none when `dir` does not exist). */
export function archiveDays(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith(ARCHIVE_SUFFIX) && /^\d{4}-\d{2}-\d{2}$/u.test(n.slice(0, -ARCHIVE_SUFFIX.length)))
    .map((n) => n.slice(0, -ARCHIVE_SUFFIX.length))
    .sort()
    .reverse();
}

/** Archived records in batches of up to `size`: day files newest first, each file in the order it was written. */
export async function* archivedBatches(dir: string, size = 200): AsyncGenerator<ArticleRecord[]> {
  let batch: ArticleRecord[] = [];
  for (const day of archiveDays(dir)) {
    for await (const line of dayFileLines(dir, day)) {
      batch.push(JSON.parse(line) as ArticleRecord);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}
