/**
 * Classify a candidate chunk: person, organization (with a kind), or neither (a place, a nationality, a common word).
 * Rules are tried in order; the first that decides wins and is remembered as the mention's provenance.
 */
import { CONTEXT_RULES } from './rules-context.js';
import { SHAPE_RULES } from './rules-shape.js';
import type { ChunkView, Decision, Rule } from './rule.js';

export type { ChunkView, Decision, Label, Rule } from './rule.js';

/** The ordered rules. */
export const RULES: readonly Rule[] = [...SHAPE_RULES, ...CONTEXT_RULES];

/** Run the rules on a chunk. */
export function classify(c: ChunkView): Decision {
  for (const rule of RULES) {
    const r = rule.test(c);
    // why this key order: every other decision is written { label, kind, rule, strong }; one shape keeps the passes
    // that read decisions compiled (a second shape deoptimized propagate and matchAcronyms: "wrong map")
    if (r) return { label: r.label, kind: r.kind, rule: rule.name, strong: r.strong };
  }
  return { label: 'UNKNOWN', kind: null, rule: 'none', strong: false };
}
