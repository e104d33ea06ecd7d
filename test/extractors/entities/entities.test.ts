import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../../src/extractors/entities/index.js';
import { RULES } from '../../../src/extractors/entities/classify.js';
import { parseText } from '../../../src/extractors/nlp.js';

const entities = (text: string) => findEntities(parseText(text), {});
const people = (text: string) => entities(text).people.map((p) => p.name);
const orgs = (text: string) => entities(text).organizations.map((o) => `${o.name}/${o.kind}`);

describe('seed story (acceptance)', () => {
  const text = readFileSync(new URL('./fixtures/seed-story.txt', import.meta.url), 'utf8');
  const result = entities(text);

  it('finds every person, once each', () => {
    expect(result.people.map((p) => p.name).sort()).toEqual(
      ['Addison Rae', 'Charli D’Amelio', 'Donald Trump', 'Kevin Mayer', 'Lil Nas X', 'Vanessa Pappas'].sort(),
    );
  });

  it('finds every company and outlet with its kind', () => {
    const byName = new Map(result.organizations.map((o) => [o.name, o.kind]));
    for (const name of ['ByteDance', 'TikTok', 'Microsoft', 'Oracle', 'Walmart', 'Musical.ly', 'Disney']) {
      expect(byName.get(name), name).toBe('company');
    }
    expect(byName.get('Wall Street Journal')).toBe('media');
    expect(byName.get('The Hollywood Reporter')).toBe('media');
    expect(result.organizations).toHaveLength(9);
  });

  it('merges all Trump mentions under Donald Trump', () => {
    const trump = result.people.find((p) => p.name === 'Donald Trump')!;
    expect(trump.mentions.map((m) => m.text)).toEqual(['Donald Trump', 'Trump', 'Trump', 'Trump', 'Trump']);
    expect(trump.aliases).toEqual(['Trump']);
  });

  it('cuts possessives off and keeps offsets exact', () => {
    const tiktok = result.organizations.find((o) => o.name === 'TikTok')!;
    expect(tiktok.mentions.length).toBe(11);
    for (const e of [...result.people, ...result.organizations]) {
      for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    }
    expect(tiktok.mentions.every((m) => m.text === 'TikTok')).toBe(true);
  });
});

describe('people', () => {
  it.each([
    ['President Donald Trump met reporters on Monday.', ['Donald Trump']],
    ['Disney veteran Kevin Mayer resigned.', ['Kevin Mayer']],
    ["Mr. O'Neill said he was pleased.", ["O'Neill"]],
    ['The match ended when P. Simmons was out.', ['P. Simmons']],
    ['Controversial Australian Anthony Hill was fined.', ['Anthony Hill']],
    ['Judge Olga Lavrentyeva adjourned the case.', ['Olga Lavrentyeva']],
    ['Apple Inc. Steve Jobs unveiled it.', ['Steve Jobs']],
    ['Hillary Clinton spoke first. Later, Clinton left.', ['Hillary Clinton']],
    ['Springbok scrum-half Joost van der Westhuizen scored.', ['Joost van der Westhuizen']],
    ['Lentini, 27, joined Milan from Torino.', ['Lentini']],
    ['"We will win," said Cotti.', ['Cotti']],
    ['Democrat Walter Mondale lost.', ['Walter Mondale']],
    ['N. Korea urges S. Korea to talk.', []],
  ])('%s', (text, expected) => {
    expect(people(text)).toEqual(expected);
  });

  it('keeps aliases and merges surname mentions', () => {
    const [p] = entities('Prime Minister Boris Johnson arrived. Johnson said little.').people;
    expect(p!.name).toBe('Boris Johnson');
    expect(p!.mentions.map((m) => m.text)).toEqual(['Boris Johnson', 'Johnson']);
  });
});

describe('organizations', () => {
  it.each([
    ['Shares of Acme Widgets Inc. rose 5 percent.', ['Acme Widgets Inc./company']],
    ['The Bank of England raised rates.', ['Bank of England/government']],
    ['A spokesperson for the European Commission declined to comment.', ['European Commission/government']],
    ['According to the Wall Street Journal, the deal is off.', ['Wall Street Journal/media']],
    ['ByteDance rejected the offer.', ['ByteDance/company']],
    ['Officials from NATO met in Brussels.', ['NATO/government']],
    ['Procter & Gamble Co. reported higher sales.', ['Procter & Gamble Co./company']],
    ['The Yugoslav news agency Tanjug reported on Friday.', ['Tanjug/media']],
    ['Prices on the Chicago Board of Trade fell.', ['Chicago Board of Trade/other']],
    ['Analysts at Goldman Sachs expect more.', ['Goldman Sachs/company']],
    ['Ryanair chief executive Michael O’Leary spoke.', ['Ryanair/company']],
    ['Shanghai Airlines and Xiamen Airlines ordered jets.', ['Shanghai Airlines/company', 'Xiamen Airlines/company']],
  ])('%s', (text, expected) => {
    expect(orgs(text)).toEqual(expected);
  });

  it('does not take countries, nationalities, regions or products for organizations', () => {
    const r = entities(
      'Chinese officials said China and the U.S. would talk. The iPhone SDK ships in June. ' +
        'The Burmese government spoke of the Middle East. They will fly the Airbus A380 to the Russian Federation.',
    );
    expect(r.organizations).toEqual([]);
    expect(r.people).toEqual([]);
  });

  it('keeps datelines as places', () => {
    const r = entities('BONN 1996-08-31\nThe Bundesbank left rates unchanged.');
    expect(r.organizations.map((o) => o.name)).toEqual(['Bundesbank']);
  });

  it('does not take nationalities or products for people either', () => {
    const r = entities('Chinese officials said China and the U.S. would talk. The iPhone SDK ships in June.');
    expect(r.organizations).toEqual([]);
    expect(r.people).toEqual([]);
  });

  it('reads towns as clubs in sports reports and keeps national teams as places', () => {
    const text = [
      'Leicestershire beat Somerset by an innings to top the county championship table.',
      'Essex drew with Kent while Brazil beat Spain 2-1 in a friendly match.',
      'Leicestershire 22 8 3 0 240',
      'Somerset 21 6 5 0 211',
    ].join('\n');
    const names = orgs(text).map((o) => o.split('/')[0]);
    expect(names).toEqual(expect.arrayContaining(['Leicestershire', 'Somerset', 'Kent']));
    expect(names).not.toContain('Brazil');
    expect(names).not.toContain('Spain');
  });

  it('finds known names in capitals headlines', () => {
    const r = entities('MICROSOFT SAYS RIVALS LAG\nMicrosoft Corp said on Friday its sales rose.');
    const ms = r.organizations.find((o) => o.name.startsWith('Microsoft'))!;
    expect(ms.mentions.map((m) => m.text)).toEqual(['MICROSOFT', 'Microsoft Corp']);
  });
});

describe('rules', () => {
  it('have unique names', () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
