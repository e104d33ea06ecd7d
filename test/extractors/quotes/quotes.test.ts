import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../src/domain/types.js';
import { extractEntities } from '../../../src/extractors/index.js';
import { parseText } from '../../../src/extractors/nlp.js';
import { findQuotes, QUOTE_PASSES, quotePasses, scanQuotes } from '../../../src/extractors/quotes/index.js';
import { indexMentions, learn, resolveSpeaker } from '../../../src/extractors/quotes/mentions.js';
import { reportingLemma } from '../../../src/extractors/quotes/reporting-verbs.js';
import { handEntities as entities } from '../../helpers/hand-entities.js';

function quotesOf(text: string, people: string[], orgs: string[] = []): Quote[] {
  return findQuotes(parseText(text), entities(text, people, orgs));
}

describe('scanQuotes: quotation marks of every kind', () => {
  const cases: [string, string, string[]][] = [
    ['curly', 'He said “we are ready” today.', ['we are ready']],
    ['straight', 'He said "we are ready" today.', ['we are ready']],
    ['guillemets', 'Il a dit « nous sommes prêts » hier.', ['nous sommes prêts']],
    ['German low-high', 'Er sagte „wir sind bereit“ heute.', ['wir sind bereit']],
    ['nested single', '“She told me ‘never again’ and left,” he said.', ['She told me ‘never again’ and left,']],
    ['British single', '‘We’re here to win,’ she said.', ['We’re here to win,']],
    ['two quotes', '“One,” he said. “Two.”', ['One,', 'Two.']],
    ['apostrophes are not quotes', 'The players’ union said it won’t strike.', []],
    ['doubled single closing', '“We print local creators,’’ says the founder.', ['We print local creators,']],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(scanQuotes(text).map((q) => text.slice(q.start, q.end))).toEqual(expected);
  });

  it('joins a quote running over paragraphs (opening mark at each, closing only at the end)', () => {
    const text = '“First paragraph of the quote.\n\n“Second paragraph ends it.”\n\nNarration.';
    const spans = scanQuotes(text);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.multiParagraph).toBe(true);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toContain('Second paragraph ends it.');
  });

  it('cuts a quote that never closes at its paragraph end', () => {
    const text = 'He said “this never closes.\n\nNext paragraph here.';
    const spans = scanQuotes(text);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.closed).toBe(false);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe('this never closes.');
  });
});

describe('findQuotes: speakers, kinds and cues', () => {
  const cases: [string, string, string[], string[], { text: RegExp; kind: Quote['kind']; speaker: string | null }[]][] = [
    [
      'after the quote',
      '“We will appeal the ruling,” Hugh Hill said.',
      ['Hugh Hill'],
      [],
      [{ text: /^We will appeal the ruling/u, kind: 'direct', speaker: 'Hugh Hill' }],
    ],
    ['inverted', '“We will appeal the ruling,” said Hugh Hill.', ['Hugh Hill'], [], [{ text: /^We will appeal/u, kind: 'direct', speaker: 'Hugh Hill' }]],
    [
      'apposition',
      '“The results are very encouraging,” Hugh Hill, a doctor at the clinic, said.',
      ['Hugh Hill'],
      [],
      [{ text: /^The results/u, kind: 'direct', speaker: 'Hugh Hill' }],
    ],
    [
      'role before the name',
      '“My client has ten days,” his lawyer, Zhang Dongshuo, said.',
      ['Zhang Dongshuo'],
      [],
      [{ text: /^My client/u, kind: 'direct', speaker: 'Zhang Dongshuo' }],
    ],
    [
      'before the quote with a colon',
      'Mary Jones said: “We are not going anywhere.”',
      ['Mary Jones'],
      [],
      [{ text: /^We are not going/u, kind: 'direct', speaker: 'Mary Jones' }],
    ],
    [
      'pronoun resolved by gender',
      'Mary Jones met John Smith on Monday. “We are not going anywhere,” she said.',
      ['Mary Jones', 'John Smith'],
      [],
      [{ text: /^We are not/u, kind: 'direct', speaker: 'Mary Jones' }],
    ],
    [
      'the company',
      'Acme Corp posted record profits. “Demand was strong,” the company said.',
      [],
      ['Acme Corp'],
      [{ text: /^Demand was strong/u, kind: 'direct', speaker: 'Acme Corp' }],
    ],
    [
      'split by its attribution',
      '“We tried,” John Smith said. “It did not work.”',
      ['John Smith'],
      [],
      [
        { text: /^We tried/u, kind: 'direct', speaker: 'John Smith' },
        { text: /^It did not work/u, kind: 'direct', speaker: 'John Smith' },
      ],
    ],
    [
      'floating quote keeps the current speaker',
      '“We tried hard,” John Smith said.\n\n“Nobody listened to us at all.”',
      ['John Smith'],
      [],
      [
        { text: /^We tried hard/u, kind: 'direct', speaker: 'John Smith' },
        { text: /^Nobody listened/u, kind: 'direct', speaker: 'John Smith' },
      ],
    ],
    [
      'said that',
      'John Smith said that the plant would close in May.',
      ['John Smith'],
      [],
      [{ text: /^the plant would close in May$/u, kind: 'indirect', speaker: 'John Smith' }],
    ],
    [
      'bare clause',
      'John Smith said the plant would close in May.',
      ['John Smith'],
      [],
      [{ text: /^the plant would close in May$/u, kind: 'indirect', speaker: 'John Smith' }],
    ],
    [
      'clause first',
      'The plant would close in May, John Smith told reporters.',
      ['John Smith'],
      [],
      [{ text: /^The plant would close in May$/u, kind: 'indirect', speaker: 'John Smith' }],
    ],
    [
      'according to',
      'According to Acme Corp, the plant would close in May.',
      [],
      ['Acme Corp'],
      [{ text: /^the plant would close in May$/u, kind: 'indirect', speaker: 'Acme Corp' }],
    ],
    [
      'argued in its complaint',
      'Acme Corp argued in its complaint that the ban was unlawful.',
      [],
      ['Acme Corp'],
      [{ text: /^the ban was unlawful$/u, kind: 'indirect', speaker: 'Acme Corp' }],
    ],
    [
      'partial quote in a reported clause',
      'John Smith said the plan was “a disaster for everyone.”',
      ['John Smith'],
      [],
      [{ text: /^the plan was “a disaster/u, kind: 'partial', speaker: 'John Smith' }],
    ],
    [
      'scare quotes have no speaker',
      'The firm will be announced as a “trusted tech partner.”',
      [],
      [],
      [{ text: /^trusted tech partner/u, kind: 'partial', speaker: null }],
    ],
    [
      'a single quoted word is a term, not words said',
      'Acme Corp warned customers about “sextortion” emails.',
      [],
      ['Acme Corp'],
      [{ text: /^sextortion$/u, kind: 'partial', speaker: null }],
    ],
    [
      'a quoted phrase takes the subject of its verb',
      'John Smith called the plan “a total disaster” on Monday.',
      ['John Smith'],
      [],
      [{ text: /^the plan “a total disaster$/u, kind: 'partial', speaker: 'John Smith' }],
    ],
    ['song titles are not quotes', 'The app helped popularize Lil Nas X’s “Old Town Road.”', ['Lil Nas X'], [], []],
    ['feature names are not quotes', 'Its addictive “For You” feed learns about user behavior.', [], [], []],
  ];
  it.each(cases)('%s', (_name, text, people, orgs, expected) => {
    const got = quotesOf(text, people, orgs);
    expect(got.map((q) => ({ text: q.text, kind: q.kind, speaker: q.speaker?.name ?? null }))).toEqual(
      expected.map((e) => ({ text: expect.stringMatching(e.text), kind: e.kind, speaker: e.speaker })),
    );
    for (const q of got) expect(text.slice(q.start, q.end)).toBe(q.text);
  });

  it('reports a quote running over paragraphs per paragraph, later parts linked to the first', () => {
    const text = '“We built this town together,” Mary Jones said. “Nobody gave us anything.\n\n“We will rebuild it the same way.”';
    const got = quotesOf(text, ['Mary Jones']);
    expect(got.map((q) => [q.text, q.speaker?.name, q.continues])).toEqual([
      ['We built this town together,', 'Mary Jones', null],
      ['Nobody gave us anything.', 'Mary Jones', 0],
      ['We will rebuild it the same way.', 'Mary Jones', 1],
    ]);
  });

  it('links speakers to the entity lists', () => {
    const text = '“Demand was strong,” Acme Corp said. “We are hiring,” John Smith added.';
    const ents = entities(text, ['John Smith'], ['Acme Corp']);
    const got = findQuotes(parseText(text), ents);
    expect(got.map((q) => q.speaker?.entity)).toEqual([
      { type: 'organization', index: 0 },
      { type: 'person', index: 0 },
    ]);
    expect(got.map((q) => q.cue?.text)).toEqual(['said', 'added']);
  });
});

describe('findQuotes on the seed story (real pipeline)', () => {
  const text = readFileSync(new URL('./fixtures/seed-tiktok-oracle.txt', import.meta.url), 'utf8');
  const { quotes, organizations } = extractEntities(text);
  const find = (needle: string) => quotes.find((q) => q.text.includes(needle));

  it("Microsoft's two-part statement is direct, cued by its blog post", () => {
    const first = find('We are confident');
    const second = find('To do this');
    expect(first?.kind).toBe('direct');
    expect(second?.kind).toBe('direct');
    for (const q of [first, second]) {
      expect(q?.speaker?.name).toBe('Microsoft');
      expect(q?.speaker?.entity?.type).toBe('organization');
      expect(organizations[q!.speaker!.entity!.index]?.name).toBe('Microsoft');
    }
    expect(first?.cue?.text).toMatch(/^wrote in a statement/u);
  });

  it("TikTok's complaint is a partial quote spoken by TikTok", () => {
    const q = find('a pretext for furthering');
    expect(q?.kind).toBe('partial');
    expect(q?.speaker?.name).toBe('TikTok');
    expect(q?.cue?.text).toMatch(/^arguing/u);
  });

  it('indirect speech: Trump arguing, the Wall Street Journal reporting', () => {
    const trump = find('ByteDance could give');
    expect(trump?.kind).toBe('indirect');
    expect(trump?.speaker?.name).toMatch(/Trump/u);
    const wsj = find('will not outright buy');
    expect(wsj?.kind).toBe('indirect');
    expect(wsj?.speaker?.name).toMatch(/Wall Street Journal/u);
    expect(wsj?.cue?.text).toBe('According to');
  });

  it('titles and scare quotes are not direct quotes with speakers', () => {
    for (const needle of ['Old Town Road', 'For You', 'trusted tech partner']) {
      const q = quotes.find((x) => x.text.includes(needle) && x.text.length < needle.length + 4);
      expect(q === undefined || (q.kind !== 'direct' && q.speaker === null), needle).toBe(true);
    }
  });
});

describe('findQuotes on quote-mark soup', () => {
  const marks = [
    '"',
    '“',
    '”',
    '‘',
    '’',
    "'",
    '«',
    '»',
    '„',
    '‹',
    '›',
    '\n\n',
    ' ',
    '.',
    ',',
    ' said ',
    'He',
    ' word',
    ' that ',
    ':',
    'According to ',
    ' she says, ',
  ];
  it('on random quote-mark soup', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 150; n++) {
      let text = '';
      const len = Math.floor(rand() * 60);
      for (let i = 0; i < len; i++) text += marks[Math.floor(rand() * marks.length)];
      const parsed = parseText(text);
      const ents = entities(text, ['He'], []);
      const got = findQuotes(parsed, ents);
      for (const q of got) {
        expect(q.start).toBeGreaterThanOrEqual(0);
        expect(q.end).toBeLessThanOrEqual(text.length);
        expect(text.slice(q.start, q.end)).toBe(q.text);
      }
      expect(() => scanQuotes(text)).not.toThrow();
    }
  });
});

describe('reporting-verb lexicon', () => {
  it.each([
    ['said', 'say'],
    ['told', 'tell'],
    ['wrote', 'write'],
    ['quipped', 'quip'],
    ['argues', 'argue'],
    ['noted', 'note'],
    ['insisting', 'insist'],
    ['replied', 'reply'],
    ['table', null],
  ])('%s → %s', (form, lemma) => {
    expect(reportingLemma(form)).toBe(lemma);
  });
});

describe('quote passes return their decisions', () => {
  const text = 'Tom Hale runs Acme. “We will grow,” Hale said. He added that prices would fall. Jeff Traeger called it “bold.”';
  const ctx = () => entities(text, ['Tom Hale'], ['Acme']);

  it('each pass, by name, in QUOTE_PASSES order', () => {
    const d = quotePasses(parseText(text), ctx());
    expect(Object.keys(d)).toEqual([...QUOTE_PASSES]);
    expect(d.direct.quotes.map((q) => q.rule)).toEqual(['direct-after']);
    expect(d.reported.quotes.map((q) => q.rule)).toEqual(['cue-first']);
  });

  it('a walk learns its speakers into its own fork of the index, not into what it was given', () => {
    const t = 'Prices rose. “We will grow,” said Jeff Traeger. Traeger said the plan would work.';
    const d = quotePasses(parseText(t), entities(t, [], []));
    expect(d.mentions.unlistedNames.size).toBe(0);
    expect([...d.direct.index.unlistedNames]).toEqual([['traeger', 'Jeff Traeger']]);
    expect(d.reported.quotes.map((q) => q.speaker?.name)).toEqual(['Jeff Traeger']);
  });

  it('resolveSpeaker reads the index only; learn writes it', () => {
    const idx = indexMentions(ctx().people, ctx().organizations, text);
    const mention = { start: text.indexOf('Jeff'), end: text.indexOf(' called'), text: 'Jeff Traeger' };
    const before = structuredClone(idx);
    const r = resolveSpeaker(idx, mention);
    expect(idx).toEqual(before);
    expect(r.learned).toMatchObject({ surname: 'traeger' });
    learn(idx, r.learned);
    expect(idx.unlistedNames.get('traeger')).toBe('Jeff Traeger');
  });
});
