/**
 * Sentence spans for attribution rules: paragraph-bounded, split after . ! ? (and any closing quote marks) before a
 * capital or an opening mark; titles and initials ("Rep.", "J.") do not end a sentence. compromise's own split
 * joins sentences across closing quote marks, which attribution cannot afford.
 */
import { paragraphs } from './quote-marks.js';
import { rx } from '../rx.js';

const ABBREVIATION = rx('iu')`
    ^(?:rep|sen|gov|lt|gen|col|sgt|dr|mr|mrs|ms|st|prof|rev|hon|capt|cmdr|adm|maj|cpl|supt|insp|det|cst|jr|sr|no|vs|inc|co|corp|ltd|jan|feb|mar|
      apr|aug|sept|sep|oct|nov|dec|u\.s|u\.k|a\.m|p\.m|e\.g|i\.e|mt|ft|ave|blvd)$`;
const BOUNDARY = /[.!?…]+["”’»)\]]*\s+(?=["“‘«([]?[\p{Lu}\p{N}])/gu;

/** Whether the full stop ending `before` belongs to an abbreviation or an initial. */
export function isAbbreviation(before: string): boolean {
  const word = /([\p{L}.]+)\.$/u.exec(before)?.[1] ?? '';
  return ABBREVIATION.test(word) || /^\p{Lu}$/u.test(word);
}

/** Sentence spans of `text`, never crossing a paragraph break. */
export function splitSentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const p of paragraphs(text)) {
    let start = p.start;
    const chunk = text.slice(p.start, p.end);
    BOUNDARY.lastIndex = 0;
    for (let m = BOUNDARY.exec(chunk); m; m = BOUNDARY.exec(chunk)) {
      const stop = p.start + m.index;
      if (text[stop] === '.' && isAbbreviation(text.slice(Math.max(p.start, stop - 8), stop + 1))) continue;
      const end = stop + m[0].trimEnd().length;
      if (end > start) out.push({ start, end });
      start = stop + m[0].length;
    }
    if (p.end > start) out.push({ start, end: p.end });
  }
  return out;
}
