/**
 * What a quoted stretch is: a standalone direct quote, a fragment inside a sentence (partial or scare quote),
 * or a title (song, show, product, feature) that is no quote at all.
 */
import type { QuotedSpan } from './quote-marks.js';
import { rx } from '../rx.js';

export type SpanRole = 'direct' | 'embedded' | 'title';

// why: nouns that announce a title in quotation marks ("the song “Old Town Road”", "its “For You” feed")
const TITLE_NOUNS = rx('iu')`
    \b(?:song|single|album|track|record|show|series|sitcom|film|movie|documentary|book|novel|memoir|play|musical|feed|feature|app|podcast|episode|
      campaign|program|programme|hashtag|slogan|motto|game|brand|product|tab|button|mode|option|section|column|magazine|exhibit|exhibition|painting|
      titled|entitled|called|dubbed|named|nicknamed|known as|branded|term|word|words|phrase|label|tagline)\W*$`;
const TITLE_NOUN_AFTER = rx('iu')`
    ^\W{0,3}\s*(?:song|single|album|track|show|series|film|movie|book|novel|feed|feature|app|podcast|episode|campaign|program|programme|hashtag|
      game|tab|button|mode|page|section|tour|franchise|brand|movement|initiative|policy|act|bill|law)\b`;
const SUBJECT_THEN_NAMING =
  /\b(?:he|she|they|we|i|who)\s+(?:has\s+|had\s+|have\s+|once\s+|later\s+|also\s+)?(?:called|calls|dubbed|termed|described\s+as)\s*$/iu;
const SMALL = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'is', 'vs', 'de', 'la']);

/** True when most words are capitalized and the text is short: "Old Town Road", "For You". */
export function isTitleCase(content: string): boolean {
  const words = content
    .replace(/[.,!?;:]+$/u, '')
    .split(/\s+/u)
    .filter(Boolean);
  if (words.length === 0 || words.length > 8) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(words[0]!)) return false;
  let caps = 0;
  let counted = 0;
  for (const w of words) {
    if (SMALL.has(w.toLowerCase())) continue;
    counted++;
    if (/^[\p{Lu}\p{N}#@]/u.test(w)) caps++;
  }
  return counted > 0 && caps === counted && (words.length > 1 || counted === 1);
}

/** Whether the quote looks like a sentence (or sentences) said by someone. */
function sentenceLike(content: string): boolean {
  const words = content.split(/\s+/u).filter(Boolean).length;
  return /^[\p{Lu}\p{N}'‘’"…([—-]/u.test(content) && (words >= 4 || /[.,!?…—-]$/u.test(content));
}

/** Decide the role of one quoted stretch from the text around it. */
export function classifySpan(text: string, q: QuotedSpan, paraStart: number, prev: { close: number; role: SpanRole } | null = null): SpanRole {
  const content = text.slice(q.start, q.end);
  const before = text.slice(Math.max(paraStart, q.open - 80), q.open);
  const after = text.slice(q.close, q.close + 30);
  const prefix = text.slice(paraStart, q.open).trimEnd();
  const words = content.split(/\s+/u).filter(Boolean).length;
  const endsSentenceish = /[.,!?…—-]$/u.test(content);
  const titleish = isTitleCase(content) && !/[,!?]$/u.test(content) && !(words === 1 && endsSentenceish);
  // why: an opening mark at the paragraph's start or after a sentence end or a colon is a quote's start
  const standalonePos = prefix === '' || /[.!?:…)]["”’]?$/u.test(prefix) || /[—–-]$/u.test(prefix);
  if (standalonePos && sentenceLike(content) && !(titleish && !endsSentenceish)) return 'direct';
  // why: `"…," said Lewis, "get more people …"`: the second half of a quote split by its attribution
  if (prev?.role === 'direct' && prev.close >= paraStart && q.open - prev.close < 90 && /[,:]$/u.test(prefix) && words >= 3) {
    const between = text.slice(prev.close, q.open);
    if (!/[.!?]\s/u.test(between)) return 'direct';
  }
  // why: "what he called “the loneliest day of my life.”": a verb with a speaker as its subject introduces their words
  const spoken = !titleish && SUBJECT_THEN_NAMING.test(before);
  if (TITLE_NOUNS.test(before) && words <= 10 && !spoken) return 'title';
  if (titleish && (words <= 8 || TITLE_NOUN_AFTER.test(after))) return 'title';
  if (TITLE_NOUN_AFTER.test(after) && words <= 5 && !endsSentenceish) return 'title';
  // why: `…, “It was a twinkle…”`: after a comma, a capitalized full sentence is a direct quote
  if (/[,]$/u.test(prefix) && sentenceLike(content) && words >= 4) return 'direct';
  if (standalonePos && words >= 3) return 'direct';
  return 'embedded';
}
