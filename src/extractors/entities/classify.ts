/**
 * Classify a candidate chunk: person, organization (with a kind), or neither (a place, a nationality, a common word).
 * Rules are tried in order; the first that decides wins and is remembered as the mention's provenance.
 */
import type { OrganizationKind } from '../../domain/types.js';
import type { Chunk } from './chunks.js';
import { CONTEXT_RULES } from './rules-context.js';
import { SHAPE_RULES } from './rules-shape.js';
import type { ETok } from './tokens.js';

export type Label = 'PER' | 'ORG' | 'NONE' | 'UNKNOWN';

/** What a rule decided about a chunk. */
export interface Decision {
  label: Label;
  kind: OrganizationKind | null;
  rule: string;
  /** Strong decisions are not overridden by document-level propagation. */
  strong: boolean;
}

/** A chunk in its surroundings, as rules see it. */
export interface ChunkView {
  toks: ETok[];
  words: ETok[];
  prev: ETok | null;
  next: ETok | null;
  lexicon: Chunk['lexicon'];
}

/** One named classification rule. */
export interface Rule {
  name: string;
  test(c: ChunkView): [Label, OrganizationKind | null, boolean] | null;
}

/** The ordered rules. */
export const RULES: readonly Rule[] = [...SHAPE_RULES, ...CONTEXT_RULES];

/** Run the rules on a chunk. */
export function classify(c: ChunkView): Decision {
  for (const rule of RULES) {
    const r = rule.test(c);
    if (r) return { label: r[0], kind: r[1], rule: rule.name, strong: r[2] };
  }
  return { label: 'UNKNOWN', kind: null, rule: 'none', strong: false };
}
