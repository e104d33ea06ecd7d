/**
 * Page furniture in a body text: the lines that are not the story — photo captions and credits, "READ MORE" and
 * "WATCH" teasers, a video's "X has more", a "With files from" credit, contact lines (an e-mail address, "Follow X on
 * Twitter"). A person named only there is not a person in
 * the story (the Gender Gap Tracker and the field's other people counts leave them out), so findEntities drops them
 * from people[]; a person the story names too keeps every mention.
 * Teasers and credit lines are furniture as whole lines. A caption is found by the sentence: one with a caption's
 * marks (", left,", "Open this photo in gallery", a credit opening it), and the sentences a bracketed credit closes
 * ("He is shown at the station. ( Ann Berg / Harbor Star )"); the story may go on after a credit on the same line.
 */

/** A stretch of the text by character offsets, end exclusive: a whole line, or sentences of one. */
export interface TextRange {
  start: number;
  end: number;
}

/** A teaser's label opening its line: "READ MORE:", "WATCH BELOW:", "RELATED:", "Also on HuffPost:". */
const TEASER_LABELS = [
  'read more',
  'read also',
  'also read',
  'more',
  'related(?: stories| story| articles?| coverage| links?)?',
  'watch(?: below| above| now| live| more)?',
  'listen(?: below| now)?',
  'see also',
  'click here',
  'sign up',
  'subscribe',
  'recommended',
  'trending',
  'also on [^:|]{1,40}',
];
const TEASER_LABEL = new RegExp(`^\\s*(?:${TEASER_LABELS.join('|')})\\s*[:|]`, 'iu');

/** A contributor's credit line: "With files from Michael MacDonald in Halifax". */
const FILES_FROM = /^\s*[-–—]?\s*with files from\b/iu;

/** A credit in brackets: "( Andrew Wallace / Toronto Star )", "(AP Photo/Evan Vucci)". */
const BRACKET_SLASH = /\(\s*\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3} ?\/ ?[^()]{2,50}\)/gu;

/** A photographer's name alone in brackets, in capitals, after a caption: "( J.P. MOCZULSKI )", "(JANE SMITH)". */
const BRACKET_CAPS = /\(\s*(?:\p{Lu}[\p{Lu}.'’-]*\s+){1,3}\p{Lu}[\p{Lu}.'’-]+\s*\)/gu;

/** A credit in brackets with the word photo, image or file in it: "( Toronto Star file photo )", "(Getty Images)". */
const BRACKET_PHOTO = /\([^()]{0,50}\b(?:photo|photograph|image|images|file|pool|handout)\b[^()]{0,30}\)/giu;

/**
 * A sentence opening with a photo credit: "Ann Berg / The Canadian Press Kevin Vickers, right, tosses…", or a photo
 * agency's name right before a capitalized word ("Getty Images Kevin Vickers…", "The Canadian Press Veterans Affairs…").
 */
const OPENING_CREDIT =
  /^\s*(?:\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3} ?\/ ?(?:The )?\p{Lu}|(?:Getty Images|The Canadian Press|AP Photo|Shutterstock|iStock) \p{Lu})/u;

/** A caption's own formulas: the gallery link, an agency's "This image released by", a credit label. */
const CAPTION_FORMULAS = [
  'open this photo in gallery',
  'this (?:image|photo|file photo) (?:released|provided|taken) by',
  '(?:photo|photograph|image) courtesy of',
];
const CAPTION_FORMULA = new RegExp(`\\b(?:${CAPTION_FORMULAS.join('|')})\\b|^\\s*(?:photo|photograph|image|credit|caption)\\s*:`, 'iu');

/** Positions in a caption, set off by commas after a name (AP style): "Sue Bristow, left, and Judy Hunter". */
const CAPTION_POSITION = /, (?:left|right|center|centre|(?:second |third )?from (?:left|right)|left to right)[,)]/u;

/** A video teaser's closing credit: "Adam MacVicar has more (Jan. 6, 2019)", "Tom Vernon has the latest." */
const TEASER_CREDIT = /\b(?:has|have) (?:more|the latest|the story|the details)\s*(?:\([^()]{0,40}\))?\s*\.?\s*$/u;

/**
 * A contact line: an e-mail address ("Send your questions to Kathryn at ask@example.com") or a "Follow X on Twitter"
 * invitation. The writer's or a desk's address, not the story.
 */
const CONTACT = /[\w.+-]+@[\w-]+\.[\w.-]*\p{L}|\bfollow (?:\p{Lu}[\p{L}.'’-]+ ){1,3}on (?:twitter|x|instagram|facebook|threads|bluesky)\b/iu;

/** A sentence end inside a line: a full stop, question or exclamation mark (and a closing quote) before a capital. */
const SENTENCE_END = /(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Prof|Rev|Lt|Col|Capt|Sgt|Mt|No|\p{Lu}))[.!?…]["”’]?\s+(?=["“(]?\p{Lu})/gu;

/** Whether a whole line is furniture (a teaser or a contributors' credit). */
export function isFurnitureLine(line: string): boolean {
  return TEASER_LABEL.test(line) || FILES_FROM.test(line);
}

/** Whether one sentence is a caption. */
export function isCaptionSentence(sentence: string): boolean {
  // why the cheap test before CONTACT: its address pattern backtracks over every word of a sentence without an "@"
  const contact = (sentence.includes('@') || /ollow/iu.test(sentence)) && CONTACT.test(sentence);
  return contact || CAPTION_FORMULA.test(sentence) || CAPTION_POSITION.test(sentence) || TEASER_CREDIT.test(sentence) || OPENING_CREDIT.test(sentence);
}

/** The furniture inside one line (offsets relative to the line). */
function lineFurniture(line: string): TextRange[] {
  if (isFurnitureLine(line)) return [{ start: 0, end: line.length }];
  const out: TextRange[] = [];
  // why: a bracketed credit closes the caption before it, back to the line's start or the previous credit
  let from = 0;
  const credits = [...line.matchAll(BRACKET_SLASH), ...line.matchAll(BRACKET_PHOTO), ...line.matchAll(BRACKET_CAPS)].sort((a, b) => a.index - b.index);
  for (const m of credits) {
    if (m.index < from) continue;
    out.push({ start: from, end: m.index + m[0].length });
    from = m.index + m[0].length;
  }
  let start = from;
  const ends = [...line.slice(from).matchAll(SENTENCE_END)].map((m) => from + m.index + m[0].length);
  for (const end of [...ends, line.length]) {
    if (isCaptionSentence(line.slice(start, end))) out.push({ start, end });
    start = end;
  }
  return out;
}

/** The furniture of a text, as ranges in text order. */
export function furnitureRanges(text: string): TextRange[] {
  const out: TextRange[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) for (const r of lineFurniture(text.slice(start, end))) out.push({ start: start + r.start, end: start + r.end });
    start = end + 1;
  }
  return out;
}

/** True when every span lies inside one of the furniture ranges. */
export function onlyInFurniture(spans: readonly { start: number }[], ranges: readonly TextRange[]): boolean {
  if (ranges.length === 0) return false;
  return spans.every((s) => ranges.some((r) => s.start >= r.start && s.start < r.end));
}
