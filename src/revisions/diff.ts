/**
 * Sentence-level text diffs between versions of an article: pure functions, no I/O.
 *
 * A text is cut into units (sentences, and the whitespace runs between them as units of their own) that join back
 * to the exact text. A stored diff turns the newer text back into the older one (an RCS-style reverse delta: the
 * current version is whole in the record, each older one costs only what differs).
 */
import type { DiffOp } from '../domain/types.js';

// why the closing quotes and brackets: `…," she said.”` ends a sentence after the quote mark
const SENTENCE_END = /[.!?…]["'”’»)\]]*$/u;
// why: a title or an initial before a name ("Dr. Lucas Brennan", "J. Smith", "Sept. 14") does not end a sentence
const NOT_AN_END =
  /(?:^|[\s(“"'‘])(?:[A-Z]|Dr|Mr|Mrs|Ms|Mx|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Rev|St|Mt|Jr|Sr|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$/u;

/** The units of `text`: sentences and the whitespace between them; `units(t).join('') === t`. */
export function units(text: string): string[] {
  const parts = text.split(/(\s+)/u);
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 0) {
      cur += part;
      continue;
    }
    // why a newline always ends a unit: blocks (paragraphs, headings) are separated by a blank line
    const word = parts[i - 1]!;
    if (part.includes('\n') || (SENTENCE_END.test(word) && !NOT_AN_END.test(word))) {
      if (cur) out.push(cur);
      out.push(part);
      cur = '';
    } else cur += part;
  }
  if (cur) out.push(cur);
  return out;
}

/** Above this many cells the middle of two texts is not aligned: it is replaced whole (a rewrite, not an edit). */
const MAX_CELLS = 4_000_000;

function push(ops: DiffOp[], op: DiffOp): void {
  const last = ops[ops.length - 1];
  if (typeof op === 'string') {
    if (!op) return;
    if (typeof last === 'string') ops[ops.length - 1] = last + op;
    else ops.push(op);
  } else if (op !== 0) {
    if (typeof last === 'number' && Math.sign(last) === Math.sign(op)) ops[ops.length - 1] = last + op;
    else ops.push(op);
  }
}

/** Ops that turn `newer` into `older` (both texts): what is stored with the older version. */
export function diffTexts(older: string, newer: string): DiffOp[] {
  const a = units(older);
  const b = units(newer);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const ops: DiffOp[] = [];
  push(ops, head);
  if (am.length * bm.length > MAX_CELLS) {
    push(ops, -bm.length);
    push(ops, am.join(''));
  } else {
    // longest common subsequence of the middles, by suffix lengths
    const n = am.length;
    const m = bm.length;
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = am[i] === bm[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        push(ops, 1);
        i++;
        j++;
      } else if (j < m && (i === n || lcs[i * w + j + 1]! >= lcs[(i + 1) * w + j]!)) {
        push(ops, -1);
        j++;
      } else {
        push(ops, am[i]!);
        i++;
      }
    }
  }
  push(ops, tail);
  return ops;
}

/** The older text: `ops` (from diffTexts(older, newer)) applied to `newer`. Throws on ops that do not fit. */
export function applyDiff(newer: string, ops: readonly DiffOp[]): string {
  const b = units(newer);
  let j = 0;
  let out = '';
  for (const op of ops) {
    if (typeof op === 'string') out += op;
    else if (op > 0) {
      if (j + op > b.length) throw new RangeError(`diff copies past the end of the text (${j + op} of ${b.length} units)`);
      out += b.slice(j, j + op).join('');
      j += op;
    } else j -= op;
  }
  if (j !== b.length) throw new RangeError(`diff leaves ${b.length - j} units of the text unread`);
  return out;
}

/** What changed from an older text to a newer one, as a reader sees it: sentences added and removed. */
export interface TextChange {
  added: string[];
  removed: string[];
}

/** The sentences `ops` (turning `newer` into the older text) say were added and removed on the way to `newer`. */
export function changeOf(newer: string, ops: readonly DiffOp[]): TextChange {
  const b = units(newer);
  const added: string[] = [];
  const removed: string[] = [];
  let j = 0;
  for (const op of ops) {
    if (typeof op === 'string') removed.push(...units(op));
    else if (op > 0) j += op;
    else {
      added.push(...b.slice(j, j - op));
      j -= op;
    }
  }
  const sentences = (xs: string[]) => xs.map((x) => x.trim()).filter(Boolean);
  return { added: sentences(added), removed: sentences(removed) };
}
