/**
 * Retention: records first stored before a cutoff leave Redis for the archive, one batch at a time.
 *
 * Per batch (oldest stored first): read the records; append those not yet archived to their day file as one gzip
 * member and fsync it and its index (day-file.ts); forget their dedup fingerprints; then remove the records and
 * their index entries from Redis. A crash anywhere leaves each record in Redis, in the archive, or in both — never
 * in neither — and the next run finishes the job without writing a record twice.
 *
 * why by stored time (idx:stored), not publication time: every record then stays at least the retention window in
 * Redis, including a feed's back catalogue published long ago (its copies are still deduplicated while it is
 * fresh), the cutoff never moves back, and a record's day file is fixed by when it arrived.
 */
import { mkdirSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { ArticleRecord, ArticleRevision } from '../domain/types.js';
import { dedupFingerprint, type DedupInput } from '../dedup/index.js';
import { revisionViews } from '../revisions/versions.js';
import { forgetFingerprint } from '../dedup/forget.js';
import { ArticleStore } from '../store/article-store.js';
import { removeArticles } from '../store/article-remove.js';
import { BATCH_KEEP_MS } from '../store/dedup-inbox.js';
import { dedupInputOf } from '../workers/dedup-worker.js';
import { takeArchiveLock } from './archive-lock.js';
import { DayFile, dayOf } from './day-file.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Test hook points, in the order a batch passes them: half a gzip member written (not fsynced), the member
 * fsynced (its index line not yet), the index line fsynced (nothing deleted from Redis yet).
 */
export const PAUSE_POINTS = ['torn-write', 'written', 'indexed'] as const;
export type PausePoint = (typeof PAUSE_POINTS)[number];

export interface ArchiveOptions {
  /** The archive directory (created when missing). */
  dir: string;
  /** Records first stored before this time (ms) move. */
  beforeMs: number;
  /** Count what would move, per day file; change nothing. */
  dryRun?: boolean;
  /** Records per batch (one gzip member and one Redis script per day file and batch). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Crash-test hook: called at each PausePoint of the first batch (see the archive command). */
  pause?: (point: PausePoint) => void;
  now?: () => number;
}

export interface ArchiveReport {
  before: string;
  dryRun: boolean;
  /** Records first stored before `before` when the run started. */
  candidates: number;
  /** Records written to the archive and removed from Redis (with --dry-run: that would be). */
  moved: number;
  /** Records already in the archive (a run that died before deleting them): only removed from Redis. */
  alreadyArchived: number;
  /** Dedup fingerprints forgotten with their records. */
  fingerprintsForgotten: number;
  /**
   * Records left in Redis because dedup may still be due for them (no story yet, stored less than the dedup inbox
   * keeps a batch's entries): archived now, a late dedup job would give them a fingerprint and a story key no run
   * removes. Only a --before within the last month meets them.
   */
  heldBack: number;
  /** Day files written to (or that would be), with the records each got in this run. */
  files: Array<{ day: string; records: number }>;
  /** Repairs of day files a crashed run left: bytes of torn members cut, ids of whole members indexed. */
  repaired: Array<{ day: string; cutBytes: number; indexedIds: number }>;
  durationMs: number;
}

/** The dedup input of a record's first version (its text rebuilt from the diffs): the one the dedup index holds. */
function firstVersionInput(r: ArticleRecord, revisions: readonly ArticleRevision[]): DedupInput {
  const input = dedupInputOf(r);
  if (!revisions.length) return input;
  try {
    const first = revisionViews(
      { text: r.article.text, title: r.article.title, fetchedAt: r.fetchedAt, modifiedAt: r.article.modifiedAt },
      revisions,
      true,
    )[0]!;
    return { ...input, title: first.title, text: first.text ?? input.text };
  } catch {
    return input; // why: diffs that do not fit the text must not stop the run; the current version is the best guess
  }
}

/** The default cutoff: the start of the UTC day `retainDays` before `nowMs` (whole days leave together). */
export function retentionCutoff(nowMs: number, retainDays: number): number {
  return Math.floor(nowMs / DAY_MS) * DAY_MS - retainDays * DAY_MS;
}

async function dryRun(redis: Redis, store: ArticleStore, beforeMs: number, report: ArchiveReport, batch: number): Promise<void> {
  const perDay = new Map<string, number>();
  for (let offset = 0; ; offset += batch) {
    const flat = await redis.zrangebyscore(store.keys.byStored, '-inf', `(${beforeMs}`, 'WITHSCORES', 'LIMIT', offset, batch);
    for (let i = 1; i < flat.length; i += 2) {
      const day = dayOf(Number(flat[i]));
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    if (flat.length < 2 * batch) break;
  }
  report.files = [...perDay].sort().map(([day, records]) => ({ day, records }));
  report.moved = report.candidates;
}

/** Move records first stored before `opts.beforeMs` from Redis to the archive (see the module comment). */
export async function runArchive(redis: Redis, prefix: string, opts: ArchiveOptions): Promise<ArchiveReport> {
  const now = opts.now ?? Date.now;
  const started = now();
  const store = new ArticleStore(redis, prefix);
  const batch = opts.batchSize ?? 500;
  const max = `(${opts.beforeMs}`;
  const candidates = await redis.zcount(store.keys.byStored, '-inf', max);
  const report: ArchiveReport = {
    before: new Date(opts.beforeMs).toISOString(),
    dryRun: Boolean(opts.dryRun),
    candidates,
    moved: 0,
    alreadyArchived: 0,
    fingerprintsForgotten: 0,
    heldBack: 0,
    files: [],
    repaired: [],
    durationMs: 0,
  };
  if (opts.dryRun) {
    await dryRun(redis, store, opts.beforeMs, report, batch);
    report.durationMs = now() - started;
    return report;
  }
  if (candidates === 0) {
    report.durationMs = now() - started;
    return report;
  }
  mkdirSync(opts.dir, { recursive: true });
  const lock = await takeArchiveLock(redis, prefix);
  const files = new Map<string, DayFile>();
  const written = new Map<string, number>();
  let first = true;
  const pause = (point: PausePoint) => {
    if (first) opts.pause?.(point);
  };
  try {
    opts.onProgress?.(0, candidates);
    for (;;) {
      // why the offset: held-back records stay in idx:stored, before every record not yet looked at
      const flat = await redis.zrangebyscore(store.keys.byStored, '-inf', max, 'WITHSCORES', 'LIMIT', report.heldBack, batch);
      if (!flat.length) break;
      const dayOfId = new Map<string, string>();
      const storedAt = new Map<string, number>();
      for (let i = 0; i < flat.length; i += 2) {
        dayOfId.set(flat[i]!, dayOf(Number(flat[i + 1])));
        storedAt.set(flat[i]!, Number(flat[i + 1]));
      }
      const dedupMayCome = started - BATCH_KEEP_MS;
      const all = await store.getMany([...dayOfId.keys()]);
      const held = new Set(all.filter((r) => r.storyId === null && storedAt.get(r.id)! >= dedupMayCome).map((r) => r.id));
      report.heldBack += held.size;
      const records = all.filter((r) => !held.has(r.id));
      // why read here: the archived line carries them, and the dedup index holds the first version's fingerprint
      // (a later version's dedup entry finds its id known); unreadable ones are left out rather than stop the run
      const versionsOf = new Map(
        (
          await store.revisionsOf(
            records.map((r) => r.id),
            { onCorrupt: () => {} },
          )
        ).map((v, i) => [records[i]!.id, v]),
      );
      // ids without a record (index entries left behind) are in `ids` too: their index entries are removed
      const ids = [...dayOfId.keys()].filter((id) => !held.has(id));
      const byDay = new Map<string, ArticleRecord[]>();
      for (const r of records) {
        const day = dayOfId.get(r.id)!;
        const list = byDay.get(day);
        if (list) list.push(r);
        else byDay.set(day, [r]);
      }
      // why: batches go in stored-time order, so a day before this batch's first is done; its ids need not stay in
      // memory (a backlog of months would hold millions)
      const firstDay = dayOf(Number(flat[1]));
      for (const day of files.keys()) if (day < firstDay) files.delete(day);
      for (const [day, rs] of byDay) {
        let file = files.get(day);
        if (!file) {
          file = new DayFile(opts.dir, day);
          files.set(day, file);
          if (file.repaired.cutBytes || file.repaired.indexedIds) report.repaired.push({ day, ...file.repaired });
        }
        const fresh = rs.filter((r) => !file.has(r.id));
        report.alreadyArchived += rs.length - fresh.length;
        file.append(
          fresh.map((r) => r.id),
          fresh
            .map((r) => {
              const revisions = versionsOf.get(r.id) ?? [];
              return `${JSON.stringify(revisions.length ? { ...r, revisions } : r)}\n`;
            })
            .join(''),
          pause,
        );
        report.moved += fresh.length;
        if (fresh.length) written.set(day, (written.get(day) ?? 0) + fresh.length);
      }
      pause('indexed');
      first = false;
      // why after the archive and before the records: a crash in between leaves the records in Redis, and the
      // next run forgets again (a no-op) and removes them; the other order could leave fingerprints no run removes
      const storyKeys = store.keys.articleStoryParts;
      const forgotten = await Promise.all(
        records.map((r) => forgetFingerprint(redis, prefix, r.id, dedupFingerprint(firstVersionInput(r, versionsOf.get(r.id) ?? [])), storyKeys)),
      );
      report.fingerprintsForgotten += forgotten.filter((f) => f.forgotten).length;
      await lock.renew();
      await removeArticles(redis, prefix, ids);
      opts.onProgress?.(report.moved + report.alreadyArchived, candidates);
    }
  } finally {
    await lock.release().catch(() => {});
  }
  report.files = [...written].sort().map(([day, records]) => ({ day, records }));
  report.durationMs = now() - started;
  return report;
}
