import { describe, expect, it } from 'vitest';
import { allowed, decodeWeights, encodeWeights, FREE, NT, spansOf, TAGS, viterbi, type ModelWeights } from '../../../src/extractors/entities/model.js';
import { featurize, shapeOf } from '../../../src/extractors/entities/model-features.js';
import { ruleViews } from '../../../src/extractors/entities/model-pass.js';
import { ruleDecisions } from '../../../src/extractors/entities/index.js';
import { entityTokens } from '../../../src/extractors/entities/tokens.js';
import { parseText } from '../../../src/extractors/nlp.js';

const tag = (t: string) => TAGS.indexOf(t as (typeof TAGS)[number]);

function tinyModel(): ModelWeights {
  const bits = 4;
  const emit = new Float32Array((1 << bits) * NT);
  for (let k = 0; k < emit.length; k++) emit[k] = ((k * 37) % 11) - 5;
  const trans = new Float32Array((NT + 1) * NT).map((_, k) => (k % 5) - 2);
  return { bits, emit, trans, margins: { override: 8 } };
}

describe('entity model', () => {
  it('BIO: I-X only after B-X or I-X, never first', () => {
    expect(allowed(NT, tag('I-PER'))).toBe(false);
    expect(allowed(tag('O'), tag('I-PER'))).toBe(false);
    expect(allowed(tag('B-ORG'), tag('I-PER'))).toBe(false);
    expect(allowed(tag('B-PER'), tag('I-PER'))).toBe(true);
    expect(allowed(tag('I-PER'), tag('I-PER'))).toBe(true);
    expect(allowed(tag('O'), tag('B-ORG'))).toBe(true);
  });

  it('tags → spans', () => {
    const t = ['B-PER', 'I-PER', 'O', 'B-ORG', 'B-ORG', 'I-ORG', 'O'].map(tag);
    expect(spansOf(t)).toEqual([
      { first: 0, last: 1, type: 'PER' },
      { first: 3, last: 3, type: 'ORG' },
      { first: 4, last: 5, type: 'ORG' },
    ]);
  });

  it('Viterbi keeps to BIO and to pinned tags, and a pinned path never scores higher', () => {
    const w = tinyModel();
    const scores = new Float32Array(6 * NT).map((_, k) => ((k * 13) % 7) - 3);
    const free = viterbi(w, scores, 0, 6);
    for (let i = 0; i < 6; i++) expect(allowed(i === 0 ? NT : free.tags[i - 1]!, free.tags[i]!)).toBe(true);
    const pin = new Uint8Array(6).fill(FREE);
    pin[2] = tag('B-PER');
    const pinned = viterbi(w, scores, 0, 6, pin);
    expect(pinned.tags[2]).toBe(tag('B-PER'));
    expect(pinned.score).toBeLessThanOrEqual(free.score);
  });

  it('weights survive encoding (int8 steps; margins kept, Infinity too)', () => {
    const w = { ...tinyModel(), margins: { override: Infinity } };
    const back = decodeWeights(encodeWeights(w));
    expect(back.bits).toBe(w.bits);
    expect(back.margins.override).toBe(Infinity);
    expect([...back.trans]).toEqual([...w.trans]);
    const { steps, scale } = back.quantized!;
    for (let k = 0; k < w.emit.length; k++) expect(Math.abs(steps[k]! * scale - w.emit[k]!)).toBeLessThanOrEqual(scale / 2 + 1e-6);
  });

  it('features: one array per token, the same for the same text; shapes collapse runs', () => {
    const text = 'Tarvex Motors chief executive Lena Hart said profits rose.';
    const make = () => {
      const parsed = parseText(text);
      const toks = entityTokens(parsed);
      return featurize(toks, ruleViews(toks.length, ruleDecisions(text, toks).labeled));
    };
    const a = make();
    expect(a).toHaveLength(entityTokens(parseText(text)).length);
    expect(a.map((f) => [...f])).toEqual(make().map((f) => [...f]));
    expect(shapeOf('McDonald')).toBe('XxXx');
    expect(shapeOf('J.P.')).toBe('X.X.');
    expect(shapeOf('2019')).toBe('d');
  });

  it('features: a typographic apostrophe reads as a straight one (the corpora it learned from write straight ones)', () => {
    const features = (text: string) => {
      const parsed = parseText(text);
      const toks = entityTokens(parsed);
      return featurize(toks, ruleViews(toks.length, ruleDecisions(text, toks).labeled)).map((f) => [...f]);
    };
    expect(features('Stars include Marla O’Connell and Dev Rae.')).toEqual(features("Stars include Marla O'Connell and Dev Rae."));
  });
});
