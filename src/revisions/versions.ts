/**
 * An article's versions as a reader sees them: the stored previous versions (each a diff against the next) and the
 * current record, turned into numbered versions with what changed from each to the next. Pure.
 */
import type { ArticleRevision } from '../domain/types.js';
import { applyDiff, changeOf } from './diff.js';

/** The current version's fields a listing needs. */
export interface CurrentVersion {
  text: string;
  title: string | null;
  fetchedAt: string;
  modifiedAt: string | null;
}

/** One earlier version and what changed on the way to the next one (`show --json`'s `revisions`). */
export interface RevisionView {
  /** 1 for the first version stored. */
  version: number;
  fetchedAt: string;
  modifiedAt: string | null;
  title: string | null;
  /** The version this one changed into (the current one is `revisions.length + 1`). */
  next: number;
  /** The headline change to the next version; null when the title stayed. */
  headline: { from: string | null; to: string | null } | null;
  /** Sentences the next version has and this one lacks, and the other way round. */
  added: string[];
  removed: string[];
  /** This version's text, rebuilt from the diffs (only when asked for). */
  text?: string;
}

/** Views of `revisions` (oldest first) against `current`; `withText` rebuilds each version's text too. */
export function revisionViews(current: CurrentVersion, revisions: readonly ArticleRevision[], withText = false): RevisionView[] {
  const out: RevisionView[] = [];
  let nextText = current.text;
  let nextTitle = current.title;
  for (let i = revisions.length - 1; i >= 0; i--) {
    const r = revisions[i]!;
    const change = changeOf(nextText, r.diff);
    const text = applyDiff(nextText, r.diff);
    out.unshift({
      version: i + 1,
      fetchedAt: r.fetchedAt,
      modifiedAt: r.modifiedAt,
      title: r.title,
      next: i + 2,
      headline: r.title === nextTitle ? null : { from: r.title, to: nextTitle },
      added: change.added,
      removed: change.removed,
      ...(withText ? { text } : {}),
    });
    nextText = text;
    nextTitle = r.title;
  }
  return out;
}
