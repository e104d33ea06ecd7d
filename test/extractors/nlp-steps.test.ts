/**
 * tokenize (src/extractors/nlp-steps.ts) against compromise's own nlp.tokenize: the same sentences and terms with
 * the same text, pre, post, normal, machine, implicit, alias and tags, on a table of hard cases and on the body of
 * every bundled fixture page. Its short paths must never change what compromise would have produced.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/index.js';
import { freeze, lexicon, tokenize } from '../../src/extractors/nlp-steps.js';

interface RawTerm {
  text: string;
  pre: string;
  post: string;
  normal?: string;
  machine?: string;
  implicit?: string;
  alias?: string[];
  tags: Set<string>;
}

const shape = (view: unknown) =>
  (view as { docs: RawTerm[][] }).docs.map((terms) =>
    terms.map((t) => ({
      text: t.text,
      pre: t.pre,
      post: t.post,
      normal: t.normal,
      machine: t.machine,
      implicit: t.implicit,
      alias: t.alias,
      tags: [...t.tags].sort(),
    })),
  );

const CASES: Array<[string, string]> = [
  ['plain words', 'The council met on Tuesday and voted 7 to 2.'],
  [
    'contractions',
    "She can't say, and they're sure it'd work; we'll see. Don't. Y'all gonna wanna know. There's been talk; how'd it go? I'm sure you've heard, cannot.",
  ],
  ['possessives', "The company's chief and the workers' union, Jones' car, James's dog."],
  ['hyphens and ranges', 'A well-known 20-year-old re-do of aug-20 plans, 2 - 5 pm, 4-6 people, x-ray and flower-like art.'],
  ['slashes', 'He / she said and/or 24/7 at http://example.com/a/b today.'],
  ['numbers and units', 'It costs $4.5m, +3%, 5km and 10kg, 1,200 people, (800) 555-0100, 3rd place.'],
  ['acronyms', 'The F.B.I. and N.A.S.A. met the c.e.o. of IBM; U.S. officials and Dr. J. Smith agreed.'],
  ['quotes and brackets', '“We will win,” she said. ‘Really?’ (Yes!) [sic] «Bien» — he added... "OK"'],
  ['unicode', 'Björk and Zoë visited São Paulo and Kraków; café naïve résumé.'],
  ['emoticons and symbols', 'Great :) <3 #news @user & co. 100% • item * star'],
  ['white space', '  Leading spaces\tand tabs\n\nnew paragraph   trailing  '],
  ['punctuation only', '... !!! ?? -- —'],
  ['zero-width and NBSP', 'zero\u200bwidth word\u00a0nbsp \ufeffbom end'],
  ['apostrophes', "rock 'n' roll, '97 vintage, lookin' good, o'clock, ma'am, l'amour, j'aime"],
  [
    'frozen phrases',
    'The Rolling Stones played in the living room. The prime minister took part by the time the United States of America and Bill Gates spun off; ' +
      'brand new, up to date.',
  ],
  ['empty', ''],
];

describe('tokenize equals nlp.tokenize', () => {
  it.each(CASES)('%s', (_name, text) => {
    expect(shape(tokenize(text))).toEqual(shape(nlp.tokenize(text)));
  });

  const root = join(import.meta.dirname, '../../fixtures/pages');
  const pages = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
  it.each(pages)('fixture page body %s', (page) => {
    const text = extractArticle(readFileSync(join(root, page)), { url: 'https://example.com/a' }).text;
    for (const paragraph of text.split(/\n\s*\n/u)) expect(shape(tokenize(paragraph))).toEqual(shape(nlp.tokenize(paragraph)));
  });
});

describe('freeze equals compromise freeze', () => {
  const frozenShape = (view: unknown) =>
    (view as { docs: Array<Array<RawTerm & { frozen?: boolean }>> }).docs.map((ts) => ts.map((t) => [t.text, t.frozen ?? false, [...t.tags].sort()]));
  it.each(CASES)('%s', (_name, text) => {
    const ours = tokenize(text);
    ours.compute('index');
    freeze(ours);
    const theirs = nlp.tokenize(text);
    theirs.compute(['index', 'freeze']);
    expect(frozenShape(ours)).toEqual(frozenShape(theirs));
  });
});

describe('lexicon equals compromise lexicon', () => {
  const tagged = (view: unknown) => (view as { docs: RawTerm[][] }).docs.map((ts) => ts.map((t) => [t.text, [...t.tags]]));
  const both = (text: string) => {
    const ours = tokenize(text);
    ours.compute('index');
    freeze(ours);
    lexicon(ours);
    const theirs = tokenize(text);
    theirs.compute('index');
    freeze(theirs);
    theirs.compute('lexicon');
    return [tagged(ours), tagged(theirs)];
  };
  const MORE: Array<[string, string]> = [
    ['phrasal verbs and phrases at a sentence end', 'They gave up. She looked it up and came back in. We will look into it, in front of'],
    ['prefixed verbs', 'They re-do it, undo it, misread and overpay; the unrelated semi-final.'],
  ];
  it.each([...CASES, ...MORE])('%s', (_name, text) => {
    const [ours, theirs] = both(text);
    expect(ours).toEqual(theirs);
  });
  const root = join(import.meta.dirname, '../../fixtures/pages');
  const pages = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
  it.each(pages)('fixture page body %s', (page) => {
    const text = extractArticle(readFileSync(join(root, page)), { url: 'https://example.com/a' }).text;
    const [ours, theirs] = both(text);
    expect(ours).toEqual(theirs);
  });
});
