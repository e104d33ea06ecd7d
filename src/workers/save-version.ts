/**
 * Store a fetched version of an article: a new record, a new version (the previous one kept as a diff), or nothing
 * when the text and title are the ones stored. The record's indexes move as any rewrite's do (the save script).
 */
import { NewsflowError } from '../domain/errors.js';
import type { ArticleRecord, ArticleRevision } from '../domain/types.js';
import { diffTexts } from '../revisions/diff.js';
import { encodeRevisions } from '../store/revision-codec.js';
import { firstRecheck } from '../store/recheck.js';
import type { WorkerDeps } from './deps.js';
import { dedupJobData, scheduleDedupBatch } from './dedup-worker.js';

export type SaveOutcome = 'created' | 'revised' | 'unchanged' | 'rewritten';

export interface SaveVersionOptions {
  /** A change time (ms) the fetched version covers (the feed's updatedAt, the page's dateModified). */
  updatedMs: number | null;
  /** First fetch jobs rewrite an unchanged record, as a retry always did (its dedup entry goes out again). */
  rewriteUnchanged: boolean;
}

/** Same text and title: nothing a reader would call a new version. */
export function sameVersion(a: ArticleRecord, b: ArticleRecord): boolean {
  return a.article.text === b.article.text && a.article.title === b.article.title;
}

/** The newest of some ISO times, in ms; null when none reads. */
export function latestMs(...isos: Array<string | null | undefined>): number | null {
  const ms = isos.map((s) => Date.parse(s ?? '')).filter(Number.isFinite);
  return ms.length ? Math.max(...ms) : null;
}

/** Tries before giving up when other jobs keep storing versions of the same article meanwhile. */
const CONFLICT_TRIES = 3;

export async function saveVersion(deps: WorkerDeps, record: ArticleRecord, opts: SaveVersionOptions): Promise<SaveOutcome> {
  const { store, config } = deps;
  const nowMs = deps.now().getTime();
  // why the fingerprint in the entry: the dedup stage then neither reads nor inflates the record (~0.6 KiB)
  const dedupEntry = JSON.stringify(dedupJobData(record));
  const recheckAtMs = firstRecheck(config.recheckMs, nowMs);
  if (opts.rewriteUnchanged) {
    // why try this first: a first fetch almost never finds a record, and this saves it without reading one
    const fresh = await store.save(record, { dedupEntry, updatedMs: opts.updatedMs, recheckAtMs, onlyIfNew: true });
    if (!fresh.conflict) {
      if (fresh.dedupDue) await scheduleDedupBatch(deps.queues, config.dedupBatchDelayMs);
      return 'created';
    }
  }
  for (let attempt = 0; attempt < CONFLICT_TRIES; attempt++) {
    // why a corrupt stored record is overwritten by a first fetch: that is what a retry's save did before versions
    const current = await store.getVersioned(record.id).catch((err: unknown) => {
      if (opts.rewriteUnchanged && (err as { code?: string }).code === 'CORRUPT_RECORD') return null;
      throw err;
    });
    let result: { created: boolean; dedupDue: boolean; conflict?: boolean };
    let outcome: SaveOutcome;
    if (!current) {
      result = await store.save(record, { dedupEntry, updatedMs: opts.updatedMs, recheckAtMs });
      outcome = result.created ? 'created' : 'rewritten';
    } else if (sameVersion(current.record, record)) {
      if (!opts.rewriteUnchanged) return 'unchanged';
      result = await store.save(record, { dedupEntry, updatedMs: opts.updatedMs, expectSha1: current.sha1 });
      outcome = 'rewritten';
    } else {
      const previous: ArticleRevision = {
        fetchedAt: current.record.fetchedAt,
        modifiedAt: current.record.article.modifiedAt,
        title: current.record.article.title,
        diff: diffTexts(current.record.article.text, record.article.text),
      };
      result = await store.save(record, {
        dedupEntry,
        expectSha1: current.sha1,
        revisions: encodeRevisions([...current.revisions, previous]),
        revisedAtMs: nowMs,
        updatedMs: opts.updatedMs,
        recheckAtMs,
      });
      outcome = 'revised';
    }
    if (result.conflict) continue;
    // why a failure here may pass: a retry saves again, and the inbox's due flag expires, so a later save or a
    // worker's sweep adds the batch job this one could not
    if (result.dedupDue) await scheduleDedupBatch(deps.queues, config.dedupBatchDelayMs);
    return outcome;
  }
  throw new NewsflowError(
    'VERSION_CONFLICT',
    `article ${record.id}: other versions were stored while this one was being saved; a retry diffs against the newest`,
    {
      retryable: true,
    },
  );
}
