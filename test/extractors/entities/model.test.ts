import { describe, expect, it } from 'vitest';
import { allowed, decodeWeights, encodeWeights, FREE, NT, spansOf, TAGS, viterbi, type ModelWeights } from '../../../src/extractors/entities/model.js';
import { featurize, shapeOf } from '../../../src/extractors/entities/model-features.js';
import { ruleViews } from '../../../src/extractors/entities/model-pass.js';
import { findEntitiesWith, ruleDecisions } from '../../../src/extractors/entities/index.js';
import { entityTokens } from '../../../src/extractors/entities/tokens.js';
import { parseText } from '../../../src/extractors/nlp.js';

const tag = (t: string) => TAGS.indexOf(t as (typeof TAGS)[number]);

function tinyModel(): ModelWeights {
  const bits = 4;
  const emit = new Float32Array((1 << bits) * NT);
  for (let k = 0; k < emit.length; k++) emit[k] = ((k * 37) % 11) - 5;
  const trans = new Float32Array((NT + 1) * NT).map((_, k) => (k % 5) - 2);
  return { bits, emit, trans, margins: { override: 8, organizations: Infinity, unknown: 4 } };
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
    const w = { ...tinyModel(), margins: { override: Infinity, organizations: 2, unknown: Infinity } };
    const back = decodeWeights(encodeWeights(w));
    expect(back.bits).toBe(w.bits);
    expect(back.margins).toEqual({ override: Infinity, organizations: 2, unknown: Infinity });
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

/** A model that reads every token of a sentence as one name of `type` (transitions only), with the given margins. */
function readsAllAs(type: 'PER' | 'ORG', margins: ModelWeights['margins']): ModelWeights {
  const bits = 4;
  const trans = new Float32Array((NT + 1) * NT);
  trans[NT * NT + tag(`B-${type}`)] = 50;
  trans[tag(`B-${type}`) * NT + tag(`I-${type}`)] = 50;
  trans[tag(`I-${type}`) * NT + tag(`I-${type}`)] = 50;
  return { bits, emit: new Float32Array((1 << bits) * NT), trans, margins };
}

describe('model pass: what the model may change', () => {
  const entities = (text: string, model: ModelWeights) => {
    const r = findEntitiesWith(parseText(text), model);
    return { people: r.people.map((p) => p.name), orgs: r.organizations.map((o) => `${o.name}/${o.rule}/${o.mentions.length}`) };
  };
  const open = { override: 0, organizations: 0, unknown: 0 };

  it('adds no people: a weak organization the model reads as a person is dropped, not made a person', () => {
    const r = entities('Shares of Lockheed Tristar rose while Harlow Savings Bank fell.', readsAllAs('PER', open));
    expect(r.people).toEqual([]);
    // the strong organization (a legal or trade suffix) stands
    expect(r.orgs).toEqual(['Harlow Savings Bank/org-suffix/1']);
  });

  it('a weak person it reads as a person inside a longer name stays a person', () => {
    const r = entities('Analysts at Varnok said Harlow Savings Bank would cut jobs.', readsAllAs('PER', open));
    expect(r.people).toEqual(['Varnok']);
  });

  it('leaves organizations found from the document (an earlier full name) and lone ordinary words alone', () => {
    const text = 'Lakeshore Semiconductor Inc. said sales rose. Lakeshore said costs fell. Pay talks with Union negotiators stalled.';
    const r = entities(text, readsAllAs('PER', open));
    expect(r.orgs).toEqual(['Lakeshore Semiconductor Inc./org-suffix/2']);
    expect(entities(text, readsAllAs('ORG', open)).orgs).toEqual(['Lakeshore Semiconductor Inc./org-suffix/2']);
  });

  it('with every margin at Infinity the rules decide alone', () => {
    const shut = { override: Infinity, organizations: Infinity, unknown: Infinity };
    const text = 'Shares of Lockheed Tristar rose while Harlow Savings Bank fell. Analysts at Varnok said so.';
    const rules = findEntitiesWith(parseText(text), null);
    const r = findEntitiesWith(parseText(text), readsAllAs('PER', shut));
    expect(r).toEqual(rules);
  });
});
