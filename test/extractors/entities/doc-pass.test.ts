/**
 * The document passes (issue 20): each reads the chunks as the passes before it left them, returns its revisions
 * tagged with its name, and changes nothing it was given.
 */
import { describe, expect, it } from 'vitest';
import { DOC_PASSES, ruleDecisions } from '../../../src/extractors/entities/index.js';
import { entityTokens } from '../../../src/extractors/entities/tokens.js';
import { parseText } from '../../../src/extractors/nlp.js';

const TEXTS: [what: string, text: string, pass: string][] = [
  ['teams', 'Harwich beat Dover 2-1 in the league on Saturday. The coach said the goals came late in the match. Dover have lost three matches.', 'teams'],
  ['consistency', 'Lena Hart, the chief executive, spoke on Monday. Later, Hart said the plant would close.', 'consistency'],
  ['acronyms', 'The Carver Valley Transit Authority (CVTA) raised fares. CVTA said costs rose.', 'acronyms'],
  ['context', 'The new plan was approved, Morel said on Monday.', 'context'],
  ['lists', 'The winners were Hale, Okafor and Ann Pryce.', 'lists'],
];

const deepFreeze = <T>(o: T): T => {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
};

describe('document passes', () => {
  it('are declared in order, each with a unique name', () => {
    const names = DOC_PASSES.map((p) => p.name);
    expect(names).toEqual(['teams', 'class-lists', 'consistency', 'acronyms', 'context', 'lists']);
  });

  it.each(TEXTS)('%s: revisions are tagged with the pass that made them', (_what, text, pass) => {
    const parsed = parseText(text);
    const toks = entityTokens(parsed);
    const { revisions, labeled } = ruleDecisions(text, toks);
    expect(revisions.some((r) => r.pass === pass)).toBe(true);
    for (const r of revisions) expect(DOC_PASSES.map((p) => p.name)).toContain(r.pass);
    // the last revision of a chunk is its final decision
    const last = new Map(revisions.map((r) => [r.chunk, r.d]));
    for (const [k, d] of last) expect(labeled[k]!.d).toEqual(d);
  });

  it.each(TEXTS)('%s: no pass changes what it was given', (_what, text) => {
    const parsed = parseText(text);
    const toks = entityTokens(parsed);
    let chunks = ruleDecisions(text, toks).labeled;
    for (const pass of DOC_PASSES) {
      chunks = deepFreeze(chunks.map((c) => ({ ...c, d: { ...c.d } })));
      expect(() => pass.run({ text, toks, chunks })).not.toThrow();
    }
  });
});
