import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/domain/types.js';
import { parseText } from '../../../src/extractors/nlp.js';
import { findQuotes } from '../../../src/extractors/quotes/index.js';
import { isCredit } from '../../../src/extractors/quotes/credits.js';
import { handEntities as entities } from '../../helpers/hand-entities.js';

/** The speaker name of the quote whose text starts with `start`. */
function speakerOf(text: string, people: string[], orgs: string[], start: string): string | null | undefined {
  const quotes = findQuotes(parseText(text), entities(text, people, orgs));
  return quotes.find((q) => q.text.startsWith(start))?.speaker?.name ?? (quotes.some((q) => q.text.startsWith(start)) ? null : undefined);
}

describe('speakers: pronouns, nominals, possessors, credits', () => {
  const cases: [string, string, string[], string[], string, string | null][] = [
    [
      'an honorific gives a gender the first-name lists do not know',
      'Mr. Kwabena Osei met Ngozi Abara on Monday. Later Abara left the room.\n\n“We need more beds,” he said.',
      ['Kwabena Osei', 'Ngozi Abara'],
      [],
      'We need more beds',
      'Kwabena Osei',
    ],
    [
      'so does the pronoun right after a name',
      'Ngozi Abara says she is worried about the budget. Kwabena Osei disagrees with the plan.\n\n“Nothing will change,” she said.',
      ['Ngozi Abara', 'Kwabena Osei'],
      [],
      'Nothing will change',
      'Ngozi Abara',
    ],
    [
      'he/she: a person of that gender named in the last sentences beats a subject further back',
      'Hugh Hill has run the gym for years. Members come from all over town. Most of them are retired. It also helped accountant Jason Moss.\n\n“It ' +
        'changed my life,” he says.',
      ['Hugh Hill', 'Jason Moss'],
      [],
      'It changed my life',
      'Jason Moss',
    ],
    [
      'a name right before its verb is a subject, even after a fronted phrase',
      'In a press release issued on Friday, Hugh Hill expressed concern about the debt. Officials did not consult Jason Moss.\n\n“The debt is simply ' +
        'too high,” he said in the release.',
      ['Hugh Hill', 'Jason Moss'],
      [],
      'The debt is simply too high',
      'Hugh Hill',
    ],
    [
      'a possessor is not the speaker; the apposition after it is',
      'The shop prints comics. “Most printers want a thousand copies,” says Hugh Hill’s partner, Jason Moss.',
      ['Hugh Hill', 'Jason Moss'],
      [],
      'Most printers want',
      'Jason Moss',
    ],
    [
      'the organization after a role noun is where the speaker works',
      'I am talking about Hugh Hill, who opened the shop in May. “We publish anything,” says the founder of Acme Press.',
      ['Hugh Hill'],
      ['Acme Press'],
      'We publish anything',
      'Hugh Hill',
    ],
    [
      'a photo credit is no antecedent',
      'Acme Corp opened a plant in May.\n\nWorkers at the new plant. (Photo: Lee Park / Wire Service)\n\n“Demand was strong,” the company said.',
      [],
      ['Acme Corp', 'Wire Service'],
      'Demand was strong',
      'Acme Corp',
    ],
    [
      'a new sentence opening with a conjunction is narration, not the attribution',
      '“We tried very hard,” Hugh Hill said. “We are proud of it.” While some critics say the plan failed, Hill says it worked.',
      ['Hugh Hill'],
      [],
      'We are proud of it',
      'Hugh Hill',
    ],
    [
      'a bare clause opening with a word the tagger calls a verb',
      'Hugh Hill said police were slow to respond to the call.',
      ['Hugh Hill'],
      [],
      'police were slow',
      'Hugh Hill',
    ],
    [
      'a description with a proper modifier names its own referent',
      'Acme Corp makes routers. The Canadian government has said the two engineers are being held without charge.',
      [],
      ['Acme Corp'],
      'the two engineers',
      'The Canadian government',
    ],
    [
      '"the official" is the unnamed official who spoke before, not the last person named',
      'Hugh Hill will decide by May. A senior justice official told reporters most requests succeed.\n\n“It is very likely to go ahead,” the official said.',
      ['Hugh Hill'],
      [],
      'It is very likely',
      'A senior justice official',
    ],
    [
      'a participle modifying a noun gives way to the reporting verb after it',
      'In a short statement claiming the attack, Acme Corp said: “This was a warning to everyone.”',
      [],
      ['Acme Corp'],
      'This was a warning',
      'Acme Corp',
    ],
    [
      'one quoted word its subject uses to characterize something is their word',
      'Hugh Hill called the ruling “bold” on Monday.',
      ['Hugh Hill'],
      [],
      'the ruling “bold',
      'Hugh Hill',
    ],
    [
      '"what he called" introduces his words, not a title',
      'Hugh Hill said he cried on what he called “the worst morning of my life.”',
      ['Hugh Hill'],
      [],
      'he cried on what he called “the worst',
      'Hugh Hill',
    ],
  ];
  it.each(cases)('%s', (_name, text, people, orgs, start, speaker) => {
    expect(speakerOf(text, people, orgs, start)).toBe(speaker);
  });
});

it('a lone surname the entity finder missed still names its person', () => {
  const text =
    `${'Hugh Hill, an engineer, built the first model in May. '.repeat(60)}\n\nHill is aware that he is taking a risk.\n\n“Nobody makes ` +
    `money on this,” the professor said.`;
  // only the full name is listed, far back: the later "Hill" is found by its surname
  const people: Person[] = [{ name: 'Hugh Hill', kind: 'person', mentions: [{ start: 0, end: 9, text: 'Hugh Hill' }], aliases: [] }];
  const q = findQuotes(parseText(text), { people, organizations: [] }).find((x) => x.text.startsWith('Nobody'));
  expect(q?.speaker?.name).toBe('Hugh Hill');
});

describe('isCredit: photo credits, bylines and links', () => {
  const cases: [string, string, boolean][] = [
    ['in parentheses with a slash', 'A man walks past. (Lee Park / Wire Service)', true],
    ['name/agency', 'A man walks past. Lee Park/Wire Service. The vote is Monday.', true],
    ['a READ MORE link', 'READ MORE: Lee Park wins the vote', true],
    ['an agency alone on its line', 'The vote is Monday.\n\nWire Service\n\nMore text.', true],
    ['a caption: its paragraph ends in a photo credit', 'Lee Park looks at old photos in the station. ( THE DAILY PLANET FILE PHOTO )\n\nMore text.', true],
    ['a name in a sentence', 'Lee Park said the vote is Monday.', false],
    ['a paragraph that merely starts with "More"', 'More than 200 people, Lee Park among them, voted.', false],
    ['a name in a paragraph ending in other brackets', 'Lee Park said the vote is Monday (or Tuesday).', false],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const name = /Lee Park|Wire Service/u.exec(text)!;
    expect(isCredit(text, { start: name.index, end: name.index + name[0].length, text: name[0] })).toBe(expected);
  });
});

it('words quoted in a link to another story are its headline, not a quote', () => {
  const text = 'The threats spread quickly.\n\nREAD MORE: ‘It becomes a nightmare’: how hoax threats tie up police\n\nPolice said the calls were fake.';
  const quotes = findQuotes(parseText(text), entities(text, [], []));
  expect(quotes.filter((q) => q.text.includes('nightmare'))).toEqual([]);
});
