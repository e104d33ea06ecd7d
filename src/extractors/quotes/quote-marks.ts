/**
 * Quotation-mark scanner: finds quoted stretches of text whatever the marks (straight, curly, guillemets, „…“),
 * nested single quotes, quotes running over several paragraphs, and marks that never close. Never throws.
 */

/** One quoted stretch: offsets of its marks and of its content. */
export interface QuotedSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset one past the closing mark, or the content's end when the quote never closes. */
  close: number;
  /** Content offsets (marks excluded, surrounding whitespace trimmed). */
  start: number;
  end: number;
  /** False when no closing mark was found (the quote was cut at the paragraph's end). */
  closed: boolean;
  /** True when the quote runs over more than one paragraph. */
  multiParagraph: boolean;
}

const DOUBLE_OPEN = new Set(['“', '„', '«', '‟', '"', '〝', '「']);
const DOUBLE_CLOSE = new Set(['”', '“', '»', '"', '〞', '〟', '」']);
const SINGLE_OPEN = new Set(['‘', '‹', '‚']);
const SINGLE_CLOSE = new Set(['’', '›', '‘']);
const WORD = /[\p{L}\p{N}]/u;

// why: after these a straight mark opens a quote; before a letter a straight mark cannot close one
const OPEN_CONTEXT = /[\s([{—–\-/:;,]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

/** Where each paragraph (block separated by a line break) starts and ends. */
export function paragraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[^\n]+/gu;
  for (const m of text.matchAll(re)) {
    const s = m.index ?? 0;
    const raw = m[0];
    if (!raw.trim()) continue;
    out.push({ start: s + (raw.length - raw.trimStart().length), end: s + raw.trimEnd().length });
  }
  return out;
}

/** Whether `ch` at `i` opens a double quote. */
function opensDouble(text: string, i: number): boolean {
  const ch = text[i] ?? '';
  const prev = text[i - 1];
  const next = text[i + 1];
  if (ch === '"' || ch === '”') {
    // why: a straight mark (or a misused closing mark) opens only at a word's start
    return (prev === undefined || OPEN_CONTEXT.test(prev) || prev === '\n') && next !== undefined && !/\s/u.test(next);
  }
  return DOUBLE_OPEN.has(ch);
}

/** Whether `ch` at `i` closes the double quote opened with `opener`. */
function closesDouble(text: string, i: number, opener: string): boolean {
  const ch = text[i] ?? '';
  // why: two single marks standing in for a double one (’’ or '') close a quote too
  if ((ch === '’' || ch === "'") && text[i + 1] === ch && !isWordChar(text[i + 2])) return true;
  if (!DOUBLE_CLOSE.has(ch)) return false;
  if (ch === '“') return opener === '„'; // why: German „…“
  if (ch === '"' && opener !== '"') {
    // why: a straight mark inside a curly quote closes it only when it cannot open a new one
    return !opensDouble(text, i) || isWordChar(text[i - 1]);
  }
  if (ch === '"') return !(isWordChar(text[i + 1]) && /\s/u.test(text[i - 1] ?? ' '));
  return true;
}

function trimSpan(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(text[s] ?? '')) s++;
  while (e > s && /\s/u.test(text[e - 1] ?? '')) e--;
  return [s, e];
}

/** Single-quoted stretches at top level (British style: ‘…’), closing at a ’ not followed by a letter. */
function singleClose(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const ch = text[i] ?? '';
    if (SINGLE_CLOSE.has(ch) && ch !== '‘' && !isWordChar(text[i + 1]) && !/\s/u.test(text[i - 1] ?? ' ')) return i;
  }
  return -1;
}

/** Find every quoted stretch in `text`. */
export function scanQuotes(text: string): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  const paras = paragraphs(text);
  let p = 0;
  while (p < paras.length) {
    const para = paras[p]!;
    let i = para.start;
    let consumedTo = p;
    while (i < para.end) {
      const ch = text[i] ?? '';
      if (opensDouble(text, i)) {
        const opener = ch;
        let j = i + 1;
        let q = p;
        let closeAt = -1;
        let limit = para.end;
        let multi = false;
        for (;;) {
          for (; j < limit; j++) {
            if (closesDouble(text, j, opener)) {
              closeAt = j;
              break;
            }
            // why: a fresh opening mark after a space inside an unclosed quote means the first never closed
            if (j > i + 1 && text[j] === opener && opener !== '"' && /\s/u.test(text[j - 1] ?? '')) break;
          }
          if (closeAt >= 0 || j < limit) break;
          // why: multi-paragraph convention: no closing mark at the paragraph's end, an opening mark at the next one
          const next = paras[q + 1];
          if (next && opensDouble(text, next.start) && q - p < 12) {
            q++;
            multi = true;
            j = next.start + 1;
            limit = next.end;
            continue;
          }
          break;
        }
        const contentEnd = closeAt >= 0 ? closeAt : j;
        const [s, e] = trimSpan(text, i + 1, contentEnd);
        if (e > s) {
          const width = closeAt >= 0 && (text[closeAt] === '’' || text[closeAt] === "'") ? 2 : 1;
          out.push({ open: i, close: closeAt >= 0 ? closeAt + width : e, start: s, end: e, closed: closeAt >= 0, multiParagraph: multi });
        }
        if (q > p) {
          consumedTo = q;
          i = closeAt >= 0 ? closeAt + 2 : paras[q]!.end;
          // continue scanning the rest of paragraph q
          const rest = scanRest(text, i, paras[q]!.end);
          out.push(...rest);
          break;
        }
        i = closeAt >= 0 ? closeAt + 1 : contentEnd;
        while (i < para.end && (text[i] === '’' || text[i] === "'") && closeAt >= 0 && i === closeAt + 1) i++;
        continue;
      }
      if (SINGLE_OPEN.has(ch) && !isWordChar(text[i - 1]) && isWordChar(text[i + 1])) {
        const c = singleClose(text, i + 1, para.end);
        if (c > 0) {
          const [s, e] = trimSpan(text, i + 1, c);
          if (e > s) out.push({ open: i, close: c + 1, start: s, end: e, closed: true, multiParagraph: false });
          i = c + 1;
          continue;
        }
      }
      i++;
    }
    p = consumedTo + 1;
  }
  return out;
}

/** The rest of one paragraph, scanned on its own (after a multi-paragraph quote ends inside it). */
function scanRest(text: string, from: number, to: number): QuotedSpan[] {
  if (from >= to) return [];
  const pad = text.slice(0, from).replace(/[^\n]/gu, ' ');
  return scanQuotes(pad + text.slice(from, to)).filter((q) => q.open >= from);
}
