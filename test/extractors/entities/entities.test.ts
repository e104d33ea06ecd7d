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

  it('merges all Trump mentions under Donald Trump (mentions are the name; the title before it is the person’s title)', () => {
    const trump = result.people.find((p) => p.name === 'Donald Trump')!;
    expect(trump.mentions.map((m) => m.text)).toEqual(['Donald Trump', 'Trump', 'Trump', 'Trump', 'Trump']);
    expect(trump.title).toBe('President');
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
    ['The match ended when K. Smith was out.', ['K. Smith']],
    ['Veteran Canadian Paul Hart was fined.', ['Paul Hart']],
    ['Judge Anna Berg adjourned the case.', ['Anna Berg']],
    ['Acme Inc. Jane Doe unveiled it.', ['Jane Doe']],
    ['Hillary Clinton spoke first. Later, Clinton left.', ['Hillary Clinton']],
    ['Scrum-half Pieter van der Berg scored.', ['Pieter van der Berg']],
    ['Morel, 31, joined the club from Verona.', ['Morel']],
    ['"We will win," said Hale.', ['Hale']],
    ['Republican Anna Berg lost.', ['Anna Berg']],
    ['The team (Paul Hart, Jean-Michel Morel) won.', ['Jean-Michel Morel', 'Paul Hart']],
    ['Harlow & Dunmore has 4 million shares.', []],
    ['The squad: Tom Hale, Okafor, Pryor and Vantrell.', ['Tom Hale', 'Okafor', 'Pryor', 'Vantrell']],
    ['It quoted airport Director Ljuba Marek as saying so.', ['Ljuba Marek']],
    ['The choice was made before Bush said so.', ['Bush']],
    ['S. Korea and N. Korea met.', []],
    ['The Leeds-based retailer said profits rose.', []],
    ['Ohio-born novelist Tom Hale spoke.', ['Tom Hale']],
    ['Councilman Gregory Vance voted no.', ['Gregory Vance']],
    ['Selectwoman Ada Pike abstained.', ['Ada Pike']],
    ['General Manager Walter Osei spoke.', ['Walter Osei']],
    ['The fans cheered as Port Carver rallied.', []],
    ['They flew on to Everett, Washington for talks.', []],
    ["Towers will rise near Grady's Corner this year.", []],
    ['The kernel, "Orwell", runs the phone.', []],
  ])('%s', (text, expected) => {
    expect(people(text)).toEqual(expected);
  });

  it('keeps aliases and merges surname mentions', () => {
    const [p] = entities('Prime Minister Boris Johnson arrived. Johnson said little.').people;
    expect(p!.name).toBe('Boris Johnson');
    expect(p!.mentions.map((m) => m.text)).toEqual(['Boris Johnson', 'Johnson']);
    expect(p!.title).toBe('Prime Minister');
  });

  it.each([
    ['Senator Jane Doe voted no.', 'Jane Doe', 'Senator'],
    ['Mr. Hale declined to comment.', 'Hale', 'Mr.'],
    ['Foreign Minister Ann Berg flew in.', 'Ann Berg', 'Foreign Minister'],
    ['Former Mayor Tom Hale spoke first.', 'Tom Hale', 'Mayor'],
    ['the senator, Jane Doe, voted no.', 'Jane Doe', undefined],
    ['Analyst Jane Doe expects a cut.', 'Jane Doe', undefined],
    ['Presiding Judge Martin Vale ruled.', 'Martin Vale', 'Presiding Judge'],
    ['Acting President Ann Berg signed it.', 'Ann Berg', 'Acting President'],
    ['Mr Justice Anthony Vale agreed.', 'Anthony Vale', 'Mr Justice'],
    ['The study was led by Professor Ada Lorne of Arden University.', 'Ada Lorne', 'Professor'],
  ])('%s: mention and name %s, title %s', (text, name, title) => {
    const [p] = entities(text).people;
    const m = p!.mentions[0]!;
    expect(m.text).toBe(name);
    expect(p!.name).toBe(name);
    expect(p!.title).toBe(title);
    // the mention with its title (MEANTIME's and ACE's extent) runs from titleStart to the name's end
    expect(m.titleStart === undefined ? undefined : text.slice(m.titleStart, m.start - 1)).toBe(title);
  });

  it('gives each mention its own title start (a later mention may have none)', () => {
    const text = 'Senator Jane Doe voted no. Doe left early. Senator Doe returned.';
    const [p] = entities(text).people;
    expect(p!.mentions.map((m) => (m.titleStart === undefined ? m.text : text.slice(m.titleStart, m.end)))).toEqual(['Senator Jane Doe', 'Doe', 'Senator Doe']);
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
    ['The Turkish news agency Anadolu reported on Friday.', ['Anadolu/media']],
    ['The Royal Society of Chemistry met.', ['Royal Society of Chemistry/other']],
    ['Analysts at Goldman Sachs expect more.', ['Goldman Sachs/company']],
    ['Tesco chief executive Dave Lewis spoke.', ['Tesco/company']],
    ['Alpine Airlines and Coastal Airlines ordered jets.', ['Alpine Airlines/company', 'Coastal Airlines/company']],
    ['Sales fell 3 percent at Acme Widgets Inc.', ['Acme Widgets Inc./company']],
    ['Retail sales rose in July.', []],
    ['Data-center customers kept buying.', []],
    ['Ferrow Cells, a Leeds startup developing batteries, raised money.', ['Ferrow Cells/company']],
    ['He joined Tarn Valley Cooperative and Kestrel Wireless.', ['Tarn Valley Cooperative/company', 'Kestrel Wireless/company']],
    ['A notice was filed with the Department of Labor.', ['Department of Labor/government']],
    ['She teaches at the University of Dunmore, whose shares of fame grow.', ['University of Dunmore/other']],
    ['The study appeared in the journal Coastal Ecology Letters.', ['Coastal Ecology Letters/media']],
    ['It hired the Halbrook Policy Group in Ohio.', ['Halbrook Policy Group/company']],
    ['Shares of Northern Aero Defence and Space Company rose.', ['Northern Aero Defence and Space Company/company']],
    ['Nothing went right for the Port Carver Herons until late.', ['Port Carver Herons/other']],
    ['It ended production of Harlan Dorsey jets at the plant.', ['Harlan Dorsey/company']],
    ['Storms hit the western Pacific on Monday.', []],
    ['Business\n\nTech\n\nOpinion', []],
    ["The Hales' Tarn Records sold well.", ['Tarn Records/company']],
    ['The side plays the Third test at home.', []],
    ['Christmas sales were strong.', []],
    ['Pay talks with Union negotiators and Digital staff stalled.', []],
    ["Britain's Harlow Star newspaper reported it.", ['Harlow Star/media']],
    ['Results:\nPort Carver 2 Dunmore Rovers 0\nTom Hale 12', ['Port Carver/other', 'Dunmore Rovers/other']],
    ['It recalled the losses of Carver Air Flight 574 and Tarn Indonesia Flight 200.', ['Carver Air/company', 'Tarn Indonesia/company']],
    ['Air Carvania has ordered jets.', ['Air Carvania/company']],
    ['Settlers moved to the West Bank while Tarn Bank lent money.', ['Tarn Bank/company']],
    ['Ben Hale, an analyst at Tarn Research, said so.', ['Tarn Research/company']],
    ['He was named general manager of Tarvex last week.', ['Tarvex/company']],
    ["He will stay on Tarvex's board.", ['Tarvex/company']],
    ['-- Ann Hale, Dunmore Newsroom +44 171 542 8062', ['Dunmore Newsroom/media']],
    [
      'The National Bank of Poland met the Reserve Bank and the Bank of Tarnley.',
      ['National Bank of Poland/government', 'Reserve Bank/government', 'Bank of Tarnley/company'],
    ],
    ['The News Agency of Carvania and Iraqi News Agency said so.', ['News Agency of Carvania/media', 'Iraqi News Agency/media']],
    ['ISSUER: Harlow County\nAGENT: Dunmore Trust Bank', ['Dunmore Trust Bank/company']],
    ['The Tidal Flow Index (TFI) rose today.', []],
    ['Fares rose at Carver Valley Transit (CVT) and CVT riders left.', ['Carver Valley Transit/other']],
    ['Fares rose at Carver Valley Transit (CVT).', ['Carver Valley Transit/other']],
  ])('%s', (text, expected) => {
    expect(orgs(text)).toEqual(expected);
  });

  it('does not take countries, nationalities, regions or products for organizations', () => {
    const r = entities(
      'Chinese officials said China and the U.S. would talk. The iPhone ships in June. ' +
        'The Maltese government spoke of the Middle East. They will fly the Airbus A380 to the Russian Federation.',
    );
    expect(r.organizations).toEqual([]);
    expect(r.people).toEqual([]);
  });

  it('keeps datelines as places', () => {
    const r = entities('PARIS 2020-05-04\nThe Bundesbank left rates unchanged.');
    expect(r.organizations.map((o) => o.name)).toEqual(['Bundesbank']);
  });

  it('does not take nationalities or products for people either', () => {
    const r = entities('Chinese officials said China and the U.S. would talk. The iPhone ships in June.');
    expect(r.organizations).toEqual([]);
    expect(r.people).toEqual([]);
  });

  it('reads towns as clubs in sports reports and keeps national teams as places', () => {
    const text = [
      'Harwich beat Dover by an innings to top the county table.',
      'Brighton drew with Chester while Brazil beat Spain 2-1 in a friendly match.',
      'Harwich 12 8 3 0 140',
      'Dover 11 6 5 0 111',
    ].join('\n');
    const names = orgs(text).map((o) => o.split('/')[0]);
    expect(names).toEqual(expect.arrayContaining(['Harwich', 'Dover', 'Chester']));
    expect(names).not.toContain('Brazil');
    expect(names).not.toContain('Spain');
  });

  it('merges a company’s short name into its full name', () => {
    const r = entities('Tarvel Semiconductor Inc. reported profits. Shares of Tarvel rose. Analysts said Tarvel had won.');
    expect(r.organizations.map((o) => [o.name, o.aliases, o.mentions.length])).toEqual([['Tarvel Semiconductor Inc.', ['Tarvel'], 3]]);
  });

  it('reads listed towns, plural verbs and transfers as clubs in sports reports', () => {
    const text = [
      'Harwich beat Dover by an innings in the county championship match.',
      'Title rivals Harwich, Colchester and Ipswich all won.',
      'Colchester have lost only once this season, the coach said.',
      'The striker joined Norwich last year.',
    ].join('\n');
    const names = orgs(text).map((o) => o.split('/')[0]);
    expect(names).toEqual(expect.arrayContaining(['Harwich', 'Dover', 'Colchester', 'Ipswich', 'Norwich']));
  });

  it('reads a player named by his given name as the player, not a team', () => {
    const text =
      'Top seed Jaswan Khalidi beat Tom Hale in the squash championship semi-final match. Hale defeated Jaswan in the final last year, and Jaswan ' +
      'said he was ready.';
    const r = entities(text);
    expect(r.organizations).toEqual([]);
    const p = r.people.find((x) => x.name === 'Jaswan Khalidi')!;
    expect(p.mentions.map((m) => m.text)).toEqual(['Jaswan Khalidi', 'Jaswan', 'Jaswan']);
  });

  it('reads names in cricket dismissals as players', () => {
    const r = entities('Harwich 212 in the county championship match.\nT. Hale c Morel b Patel 12\nBowling: Patel 9-1-30-2');
    expect(r.people.map((p) => p.name)).toEqual(expect.arrayContaining(['Morel', 'Patel']));
  });

  it('merges a head word or a team nickname into the one name ending with it', () => {
    const council = entities('The Carver City Council met. "We won," said Council President Ann Hale.').organizations;
    expect(council.map((o) => [o.name, o.aliases])).toEqual([['Carver City Council', ['Council']]]);
    const text = 'Fans of the Port Carver Herons cheered at the football match as the Herons beat Dover to top the league table.';
    expect(entities(text).organizations.map((o) => [o.name, o.aliases])).toEqual(expect.arrayContaining([['Port Carver Herons', ['Herons']]]));
  });

  it('merges a two-word company with its first word', () => {
    const r = entities('Tarvex Grumley shares rose. The deal favoured Tarvex over its rivals.');
    expect(r.organizations.map((o) => [o.name, o.mentions.length])).toEqual([['Tarvex Grumley', 2]]);
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
