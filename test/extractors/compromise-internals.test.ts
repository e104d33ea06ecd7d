/**
 * The compromise internals newsflow reaches past the public API for (src/extractors/nlp-steps.ts, nlp.ts,
 * entities/lexicons.ts), checked by shape. compromise is pinned exactly in package.json because of them; when the
 * pin moves, this file says what changed before a golden or an eval figure drifts quietly.
 * nlp-steps.test.ts then checks that the short paths still give compromise's own results term by term.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const pinned = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies.compromise;

interface Internals {
  methods: { one: { tokenize: Record<string, unknown>; setTag: unknown } };
  model: { one: Record<string, unknown> };
  compute: Record<string, unknown>;
}
const world = nlp.world() as unknown as Internals;
const model = nlp.model() as unknown as Internals['model'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

describe('compromise internals used by src/extractors', () => {
  it('is the exact version package.json pins', () => {
    expect(pinned, 'compromise must be pinned exactly (its internals are used)').toMatch(/^\d+\.\d+\.\d+$/u);
    expect((nlp as unknown as { version: string }).version).toBe(pinned);
  });

  it.each(['splitSentences', 'splitTerms', 'splitWhitespace'])('methods.one.tokenize.%s is a function', (name) => {
    expect(typeof world.methods.one.tokenize[name]).toBe('function');
  });

  it('methods.one.setTag(terms, tag, world, isSafe, reason) tags the terms', () => {
    const setTag = world.methods.one.setTag as (terms: unknown[], tag: unknown, w: unknown, safe: boolean, why: string) => void;
    const term = { text: 'Acme', pre: '', post: '', tags: new Set<string>(), normal: 'acme' };
    setTag([term], 'Organization', world, false, 'test');
    expect(term.tags.has('Organization')).toBe(true);
    expect(term.tags.has('Noun')).toBe(true);
  });

  it.each(['normal', 'alias', 'machine', 'contractions', 'index', 'freeze', 'lexicon', 'preTagger', 'contractionTwo', 'offset'])(
    'compute step %s exists',
    (step) => {
      expect(typeof world.compute[step]).toBe('function');
    },
  );

  it('model.one holds the lexicons nlp-steps and lexicons.ts read', () => {
    const one = world.model.one;
    expect(model.one).toBe(one);
    for (const key of ['aliases', 'frozenLex', '_multiCache', 'lexicon']) expect(isRecord(one[key]), key).toBe(true);
    const frozenLex = one.frozenLex as Record<string, unknown>;
    expect(Object.keys(frozenLex).length).toBeGreaterThan(50);
    expect(Object.values(frozenLex).every((tag) => typeof tag === 'string' || Array.isArray(tag))).toBe(true);
    expect(Object.values(one._multiCache as Record<string, unknown>).every((n) => typeof n === 'number')).toBe(true);
    expect(typeof (one.lexicon as Record<string, unknown>).the).toBe('string');
  });

  it('model.one.contractions is a list of { word | before, after, out }', () => {
    const list = world.model.one.contractions;
    expect(Array.isArray(list)).toBe(true);
    const entries = list as Array<Record<string, unknown>>;
    expect(entries.length).toBeGreaterThan(20);
    for (const c of entries) {
      expect(typeof c.word === 'string' || typeof c.before === 'string' || typeof c.after === 'string', JSON.stringify(c)).toBe(true);
    }
    expect(entries.some((c) => c.word === 'cannot')).toBe(true);
    expect(entries.some((c) => c.after === 'll')).toBe(true);
  });

  it('a View is made from a document (sentences of terms) and exposes docs, document and compute', () => {
    const View = (nlp.tokenize('') as unknown as { constructor: new (document: unknown[][]) => unknown }).constructor;
    const term = { text: 'Hello', pre: '', post: '', tags: new Set<string>(), normal: 'hello' };
    const view = new View([[term]]) as { docs: unknown[][]; document: unknown[][]; compute(step: string): unknown };
    expect(view.document).toEqual([[term]]);
    expect(view.docs[0]![0]).toBe(term);
    view.compute('index');
    expect((term as { index?: unknown }).index).toEqual([0, 0]);
    view.compute('offset');
    expect((term as { offset?: unknown }).offset).toMatchObject({ start: 0, length: 5 });
  });

  it('terms carry text, pre, post, tags as a Set, normal, and frozen after freeze', () => {
    const view = nlp.tokenize('“The prime minister,” she said.');
    view.compute(['index', 'freeze']);
    const terms = (view as unknown as { docs: Array<Array<Record<string, unknown>>> }).docs[0]!;
    expect(terms[0]).toMatchObject({ text: 'The', pre: '“', normal: 'the' });
    expect(terms[0]!.tags).toBeInstanceOf(Set);
    expect(terms.some((t) => t.frozen === true)).toBe(true);
  });
});
