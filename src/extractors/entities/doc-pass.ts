/**
 * Document passes: once every chunk is classified on its own (classify.ts), passes over the whole document revise
 * those decisions — sports teams, consistency of names, acronyms, context of unknown words, lists of people. A pass
 * reads the chunks as the passes before it left them and returns its revisions, tagged with its name; it changes
 * nothing it was given. index.ts declares the passes in order and applies each one's revisions before the next runs.
 */
import type { Decision } from './rule.js';
import type { ETok } from './tokens.js';

/** A chunk (tokens first..last) with the decision about it. */
export interface Labeled {
  first: number;
  last: number;
  d: Decision;
}

/** One pass's new decision about one chunk (by its index in text order). */
export interface Revision {
  chunk: number;
  d: Decision;
  pass: string;
}

/** What a document pass reads. */
export interface DocInput {
  text: string;
  toks: ETok[];
  chunks: readonly Labeled[];
}

/** What a document pass returns: its revisions, and for the acronym pass the acronyms it matched. */
export interface DocOutput {
  revisions: Revision[];
  /** Organizations' acronyms, lower case → the name, lower case (records.ts merges them). */
  acronyms?: ReadonlyMap<string, string>;
}

export interface DocPass {
  name: string;
  run(input: DocInput): DocOutput;
}

/**
 * A pass's own working copy of the chunks. why: a pass's later steps see its earlier ones (a team found in a table
 * makes its other mentions teams); the copy keeps that inside the pass, and `revisionsOf` reports the difference
 */
export function draft(chunks: readonly Labeled[]): Labeled[] {
  return chunks.map((c) => ({ ...c }));
}

/** The decisions a pass's working copy holds that differ from the chunks it was given. */
export function revisionsOf(pass: string, chunks: readonly Labeled[], work: readonly Labeled[]): Revision[] {
  const out: Revision[] = [];
  for (let k = 0; k < work.length; k++) if (work[k]!.d !== chunks[k]!.d) out.push({ chunk: k, d: work[k]!.d, pass });
  return out;
}

/** The chunks with the revisions applied (a new array; the input is left as it was). */
export function applyRevisions(chunks: readonly Labeled[], revisions: readonly Revision[]): Labeled[] {
  const out = chunks.slice();
  for (const r of revisions) out[r.chunk] = { ...out[r.chunk]!, d: r.d };
  return out;
}

/**
 * The lists among the chunks: runs of names joined by commas, "and" or "or" on one line, with three names or more, or two
 * joined by "and"/"or". why: two names joined by a comma alone are an apposition or two clauses more often than a list
 * ("the Warden of the Port, Ann Hale,", "at the Diamond Resorts, Mulder didn't hesitate").
 */
export function listRuns(toks: readonly ETok[], chunks: readonly Labeled[]): Labeled[][] {
  const join = (a: Labeled, b: Labeled): 'comma' | 'word' | null => {
    if (b.first <= a.last || toks[a.last]!.line !== toks[b.first]!.line || toks[a.last]!.possessive) return null;
    const between = b.first - a.last - 1;
    const word = toks[a.last + 1]!.lower;
    if (between === 0 && /^,\s*$/u.test(toks[b.first]!.gap)) return 'comma';
    return between === 1 && (word === 'and' || word === 'or') ? 'word' : null;
  };
  const runs: Labeled[][] = [];
  let k = 0;
  while (k < chunks.length) {
    let end = k;
    let words = 0;
    for (; end + 1 < chunks.length; end++) {
      const j = join(chunks[end]!, chunks[end + 1]!);
      if (!j) break;
      if (j === 'word') words++;
    }
    if (end + 1 - k >= 3 || words > 0) runs.push(chunks.slice(k, end + 1));
    k = end + 1;
  }
  return runs;
}
