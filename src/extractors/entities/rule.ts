/**
 * What entity classification rules are made of: the chunk they look at, what they decide, and named constructors
 * for their verdicts. Rules (rules-shape.ts, rules-context.ts) and the classifier (classify.ts) import this file;
 * it imports nothing of theirs, so they form no cycle.
 */
import type { OrganizationKind } from '../../domain/types.js';
import type { Chunk } from './chunks.js';
import type { ETok } from './tokens.js';

export type Label = 'PER' | 'ORG' | 'NONE' | 'UNKNOWN';

/** A chunk in its surroundings, as rules see it. */
export interface ChunkView {
  toks: ETok[];
  words: ETok[];
  prev: ETok | null;
  next: ETok | null;
  lexicon: Chunk['lexicon'];
}

/** What one rule says about a chunk. Strong verdicts are not overridden by document-level propagation. */
export interface Verdict {
  label: Label;
  kind: OrganizationKind | null;
  strong: boolean;
}

/** What the classifier decided about a chunk: a verdict and the name of the rule that gave it. */
export interface Decision extends Verdict {
  rule: string;
}

/** One named classification rule: a verdict, or null to pass the chunk on to the next rule. */
export interface Rule {
  name: string;
  test(c: ChunkView): Verdict | null;
}

/** The chunk names a person. */
export function person(strong: boolean): Verdict {
  return { label: 'PER', kind: null, strong };
}

/** The chunk names an organization of `kind`. */
export function organization(kind: OrganizationKind | null, strong: boolean): Verdict {
  return { label: 'ORG', kind, strong };
}

/** The chunk names neither (a place, a nationality, a date, a common word). */
export function neither(strong: boolean): Verdict {
  return { label: 'NONE', kind: null, strong };
}
