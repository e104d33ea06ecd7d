import { describe, expect, it } from 'vitest';
import { furnitureRanges, onlyInFurniture } from '../../../src/extractors/entities/furniture.js';

/** Each line, and its furniture as it reads (empty: none). */
const LINES: [line: string, furniture: string[]][] = [
  ['READ MORE: Council votes to close the pool', ['READ MORE: Council votes to close the pool']],
  ['Watch below: Residents protest the closing', ['Watch below: Residents protest the closing']],
  ['Also on HuffPost: the ten best pools', ['Also on HuffPost: the ten best pools']],
  ['The pool at dawn. ( Andrew Wallace / Harbor Star ) Tom Pryce, a lifeguard, said he was sad.', ['The pool at dawn. ( Andrew Wallace / Harbor Star )']],
  [
    'He is shown at the station. ( Ann Berg / Harbor Star ) Tom Pryce, right, and Lee Hart, shown in 1958.',
    ['He is shown at the station. ( Ann Berg / Harbor Star )', 'Tom Pryce, right, and Lee Hart, shown in 1958.'],
  ],
  ['Ann Berg / The Canadian Press Tom Pryce waves at the crowd.', ['Ann Berg / The Canadian Press Tom Pryce waves at the crowd.']],
  ['Flood waters rose on Monday. (AP Photo/Evan Vucci)', ['Flood waters rose on Monday. (AP Photo/Evan Vucci)']],
  ['Stanley Reed worked 20 years as a porter. ( Harbor Star file photo )', ['Stanley Reed worked 20 years as a porter. ( Harbor Star file photo )']],
  ['Open this photo in gallery Premier Tim Rusk shakes hands with the mayor.', ['Open this photo in gallery Premier Tim Rusk shakes hands with the mayor.']],
  ['Carla Diaz, left, and Tom Pryce cut the ribbon.', ['Carla Diaz, left, and Tom Pryce cut the ribbon.']],
  ['Residents protest the closing. Dara Quill has more (Jan. 6, 2019)', ['Dara Quill has more (Jan. 6, 2019)']],
  ['With files from Pete Lomax in Halifax', ['With files from Pete Lomax in Halifax']],
  ['Doug Pryce walks his terrier near his home. ( J.P. MOCZULSKI )', ['Doug Pryce walks his terrier near his home. ( J.P. MOCZULSKI )']],
  ['The agency (NATO) said the talks would go on.', []],
  ['Getty Images Kevin Vale, right, tosses his son into the air.', ['Getty Images Kevin Vale, right, tosses his son into the air.']],
  ['The Canadian Press reported that the talks would go on.', []],
  ['The council voted on Tuesday to close the pool, Mayor Carla Diaz said.', []],
  ['He turned left, then right, and found the door.', []],
  ['AC/DC played two nights at the arena, promoter Lee Hart said.', []],
  ['Diaz has more than 20 years of experience.', []],
  ['More than 300 people came to the meeting.', []],
  ['Shop the advice. Send your style questions to Kathryn at ask@harborstar.example', ['Send your style questions to Kathryn at ask@harborstar.example']],
  ['Follow Dara Quill on Twitter for updates.', ['Follow Dara Quill on Twitter for updates.']],
  ['Hale said in an email that the pool would reopen.', []],
];

describe('furnitureRanges', () => {
  it.each(LINES)('%s', (line, furniture) => expect(furnitureRanges(line).map((r) => line.slice(r.start, r.end).trim())).toEqual(furniture));
});

describe('furnitureRanges / onlyInFurniture', () => {
  const text = 'The pool closed.\nREAD MORE: Owen Marsh on the pool\nOwen Marsh said he was sad.';
  const lines = furnitureRanges(text);
  it('finds the teaser line by offsets', () => expect(lines.map((l) => text.slice(l.start, l.end))).toEqual(['READ MORE: Owen Marsh on the pool']));
  it('a name also in the story is not furniture', () => {
    const inTeaser = text.indexOf('Owen');
    const inStory = text.lastIndexOf('Owen');
    expect(onlyInFurniture([{ start: inTeaser }], lines)).toBe(true);
    expect(onlyInFurniture([{ start: inTeaser }, { start: inStory }], lines)).toBe(false);
  });
});
