/**
 * HTML → document: cheerio/slim on htmlparser2, with a tokenizer that skips plain runs of text and attribute
 * values in one tight loop instead of one state-machine step per character, and finds the end of raw text and
 * comments with the engine's string search (same tokens, same tree, less parse time).
 */
import { load, type CheerioAPI } from 'cheerio/slim';
import { DomHandler, Parser, Tokenizer } from 'htmlparser2';

/** The tokenizer internals the fast paths use (htmlparser2 10.x; checked by a self-test below). */
interface Internals {
  buffer: string;
  index: number;
  offset: number;
}
type Step = (this: Internals, c: number) => void;

const LT = 60; // <
const AMP = 38; // &
const DQ = 34; // "
const SQ = 39; // '

/** Tokenizer whose per-character states for text and attribute values skip the characters they ignore. */
class FastTokenizer extends Tokenizer {}

// why: one loop per state with its stop characters written out (a shared loop calling a predicate was slower)
const skips: Record<string, (t: Internals) => void> = {
  // in text (entities decoded), only "<" and "&" do anything
  stateText(t) {
    const buf = t.buffer;
    let i = t.index + 1 - t.offset;
    for (let c = buf.charCodeAt(i); i < buf.length && c !== LT && c !== AMP; c = buf.charCodeAt(++i));
    t.index = i - 1 + t.offset;
  },
  stateInAttributeValueDoubleQuotes(t) {
    const buf = t.buffer;
    let i = t.index + 1 - t.offset;
    for (let c = buf.charCodeAt(i); i < buf.length && c !== DQ && c !== AMP; c = buf.charCodeAt(++i));
    t.index = i - 1 + t.offset;
  },
  stateInAttributeValueSingleQuotes(t) {
    const buf = t.buffer;
    let i = t.index + 1 - t.offset;
    for (let c = buf.charCodeAt(i); i < buf.length && c !== SQ && c !== AMP; c = buf.charCodeAt(++i));
    t.index = i - 1 + t.offset;
  },
};
const stops: Record<string, (c: number) => boolean> = {
  stateText: (c) => c === LT || c === AMP,
  stateInAttributeValueDoubleQuotes: (c) => c === DQ || c === AMP,
  stateInAttributeValueSingleQuotes: (c) => c === SQ || c === AMP,
};

const base = Tokenizer.prototype as unknown as Record<string, Step | undefined>;
const fast = FastTokenizer.prototype as unknown as Record<string, Step | ((this: Internals, c: number) => boolean)>;
let usable = true;
for (const name of Object.keys(skips)) {
  const original = base[name];
  const stop = stops[name]!;
  const skip = skips[name]!;
  if (typeof original !== 'function') {
    usable = false;
    continue;
  }
  fast[name] = function step(this: Internals, c: number): void {
    if (stop(c)) original.call(this, c);
    else skip(this);
  };
}
// the tokenizer's own skip over raw text and comments, with the engine's string search
if (typeof base.fastForwardTo === 'function') {
  fast.fastForwardTo = function fastForwardTo(this: Internals, c: number): boolean {
    const at = this.buffer.indexOf(String.fromCharCode(c), this.index + 1 - this.offset);
    if (at >= 0) {
      this.index = at + this.offset;
      return true;
    }
    this.index = this.buffer.length + this.offset - 1;
    return false;
  };
} else usable = false;

const SELF_TEST = `<!DOCTYPE html><html lang=en><head><title>A &amp; B &lt;x&gt;</title><style>p{color:red}</style>
<script>if (a < b && c > d) document.write("</p>")</script></head><body class='x &amp; y' data-v="1 &quot;2&quot;">
<p>Text &copy; &notanentity; &#65;&#x42; AT&T <b>bold</b><br/>tail &amp</p><!-- note <p> --><textarea>a &lt; b</textarea>
<a href=/x?a=1&b=2 title=plain>link</a><img alt="" src='s.png'><svg><path d="M0 0"/></svg><xmp><b></xmp>
<![CDATA[ data ]]><p>unclosed <div>text</div> &</body></html>`;

/** True when the fast tokenizer gives the same tree as the stock one on a page of edge cases. */
function sameTree(): boolean {
  try {
    return load(SELF_TEST, { Tokenizer: FastTokenizer } as object).html() === load(SELF_TEST).html();
  } catch {
    return false;
  }
}

// why: the patches rely on htmlparser2 internals; on any other version the stock tokenizer is used
const options = usable && sameTree() ? ({ Tokenizer: FastTokenizer } as object) : undefined;

/** Whether the fast tokenizer is in use (false: htmlparser2's internals changed, the stock one is used). */
export const fastTokenizer = options !== undefined;

/**
 * Parse a page (cheerio/slim's `load`, faster tokenizing): its markup as one string, or in pieces whose
 * concatenation is the markup (charset.ts, decodeHtmlChunks).
 * why pieces: htmlparser2 parses a stream chunk by chunk (text and attribute values cut by a seam are joined), so
 * the tree is the one `load` builds from the joined string, without the joined string
 */
export function loadHtml(html: string | readonly string[]): CheerioAPI {
  if (typeof html === 'string') return load(html, options);
  if (html.length === 1) return load(html[0]!, options);
  // what cheerio's load does with a string (htmlparser2's parseDocument), one write per piece
  const parserOptions = options ?? {};
  const handler = new DomHandler(undefined, parserOptions);
  const parser = new Parser(handler, parserOptions);
  for (const chunk of html) parser.write(chunk);
  parser.end();
  return load(handler.root, options);
}
