/**
 * The entity pass's view of the shared parse: tokens with possessives cut off, case and line facts computed once.
 */
import type { ParsedText } from '../nlp.js';

/** One token as the entity rules see it. */
export interface ETok {
  /** Position in the entity token array. */
  index: number;
  /** The word as written, a possessive 's cut off ("TikTok" for "TikTok’s"). */
  text: string;
  start: number;
  end: number;
  lower: string;
  tags: ReadonlySet<string>;
  sentence: number;
  line: number;
  /** Starts with an upper-case letter or digit, or is camel-cased like "iPhone". */
  cap: boolean;
  /** Every letter upper case (and at least one letter). */
  upper: boolean;
  possessive: boolean;
  /** First word of its sentence or line, or the first after an opening quote or a colon. */
  initial: boolean;
  /** A boundary after this token that a name does not cross (comma, bracket, quote, full stop, line end). */
  breakAfter: boolean;
  /** A single letter or a dotted abbreviation written with its full stop ("P.", "Co.", "J.P."). */
  dotted: boolean;
  hyphenAfter: boolean;
  /** Its line is written in capitals (a headline, a table heading). */
  capsLine: boolean;
  /** Its line looks like a table row: half or more of its tokens are numbers. */
  tableLine: boolean;
  /** The text between the previous token and this one (spaces, punctuation). */
  gap: string;
}

const ABBREVIATIONS = new Set('mr mrs ms dr st jr sr co corp inc ltd bros mt gen sen rep gov lt col capt sgt adm maj rev prof no vs plc cos'.split(' '));

const ASCII_LETTERS = /^[A-Za-z]+$/u;

/** "word's" / "word’s" with at least one character before the apostrophe, on one line. */
function endsWithApostropheS(word: string): boolean {
  const n = word.length;
  if (n <= 2 || word.charCodeAt(n - 1) !== 115) return false;
  const q = word.charCodeAt(n - 2);
  return (q === 39 || q === 0x2019) && !/[\n\r\u2028\u2029]/u.test(word);
}

/** Lower-case letters then an upper-case one ("iPhone", "eBay"); ASCII words decided without a regex. */
function camelCased(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) continue;
    if (c >= 65 && c <= 90) return i > 0;
    if (c < 128) return false;
    return /^\p{Ll}+\p{Lu}/u.test(word);
  }
  return false;
}

/** Flatten the shared parse into entity tokens. */
export function entityTokens(parsed: ParsedText): ETok[] {
  const { text } = parsed;
  const out: ETok[] = [];
  let line = 0;
  let prevEnd = 0;
  let prevSentence = -1;
  for (const t of parsed.tokens) {
    const gap = text.slice(prevEnd, t.start);
    const newLine = gap.includes('\n');
    if (newLine) line++;
    let word = t.text;
    let end = t.end;
    let possessive = false;
    // why fast paths: most tokens are plain words between single spaces; the regexes below are most of this pass's cost
    if (endsWithApostropheS(word) && (t.tags.has('Possessive') || /^\p{Lu}/u.test(word))) {
      word = word.slice(0, -2);
      end = t.start + word.length;
      possessive = true;
    }
    const post = t.post;
    const c0 = word.charCodeAt(0);
    const lowerStart = c0 >= 97 && c0 <= 122 ? true : c0 < 128 ? false : /^\p{Ll}/u.test(word);
    const letters = lowerStart ? '' : ASCII_LETTERS.test(word) ? word : word.replace(/[^\p{L}]/gu, '');
    const plainPost = post === ' ';
    const dotted =
      (!plainPost && post.charCodeAt(0) === 46 && ((lowerStart ? word.length : letters.length) === 1 || ABBREVIATIONS.has(t.normal))) ||
      (word.includes('.') && /\p{L}\.\p{L}/u.test(word));
    const initial = t.sentence !== prevSentence || newLine || (gap !== ' ' && /["“‘:(]\s*$/u.test(gap)) || out.length === 0;
    out.push({
      index: out.length,
      text: word,
      start: t.start,
      end,
      lower: word.toLowerCase(),
      tags: t.tags,
      sentence: t.sentence,
      line,
      cap: lowerStart ? camelCased(word) : (c0 >= 65 && c0 <= 90) || (c0 >= 48 && c0 <= 57) || (c0 >= 128 && /^[\p{Lu}\p{N}]/u.test(word)),
      upper: letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      possessive,
      initial,
      // why: a plural possessive ends a name ("the Hales' Tarn Records")
      breakAfter:
        !plainPost &&
        (post.includes('\n') ||
          (/^['’]\s/u.test(post) && /s$/u.test(word)) ||
          /\s[-–—]|[-–—]\s/u.test(post) ||
          (/[,;:!?()[\]"“”‘’«»/|]|\.(?!\S)/u.test(post) && !(dotted && /^\.\s*$/u.test(post)))),
      dotted,
      hyphenAfter: !plainPost && /^[-–]$/u.test(post),
      capsLine: false,
      tableLine: false,
      gap,
    });
    prevEnd = t.end;
    prevSentence = t.sentence;
  }
  markLines(out);
  return out;
}

/** Mark headline (capitals) lines and table-like lines. */
function markLines(toks: ETok[]): void {
  let i = 0;
  while (i < toks.length) {
    let j = i;
    while (j < toks.length && toks[j]!.line === toks[i]!.line) j++;
    let words = 0;
    let upper = 0;
    let numbers = 0;
    let lower = 0;
    let ints = 0;
    let figures = false;
    for (let k = i; k < j; k++) {
      const t = toks[k]!;
      const c = t.text.charCodeAt(0);
      // why: a word starting with an ASCII letter is no number and has a letter (most tokens)
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
        words++;
        if (t.upper) upper++;
        if (c >= 97) lower++;
        continue;
      }
      if (/^[\d.,:/-]+$/u.test(t.text)) numbers++;
      if (/^\d{1,3}$/u.test(t.text)) ints++;
      if (/^\d+-\d+-\d+/u.test(t.text)) figures = true;
      else if (/\p{L}/u.test(t.text)) {
        words++;
        if (t.upper) upper++;
        if (/^\p{Ll}/u.test(t.text)) lower++;
      }
    }
    // why: a line of mostly capitals says nothing about which words are names; needs a few words to be a headline
    const capsLine = words >= 2 && upper / words >= 0.8 && upper >= 2;
    // why: results rows put small whole numbers between names, with hardly a lower-case word ("Dover Athletic 2 Harwich 0");
    // cricket bowling figures ("8-0-39-3") follow players, not teams
    const tableLine = (numbers >= 2 && numbers * 2 >= j - i) || (ints >= 2 && lower <= 1 && !figures);
    for (let k = i; k < j; k++) {
      toks[k]!.capsLine = capsLine;
      toks[k]!.tableLine = tableLine;
    }
    i = j;
  }
}
