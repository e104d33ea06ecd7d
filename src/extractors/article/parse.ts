/**
 * HTML → document: cheerio/slim on htmlparser2, with a tokenizer that skips plain runs of text and attribute
 * values in one tight loop instead of one state-machine step per character (same tokens, same tree).
 */
import { load, type CheerioAPI } from 'cheerio/slim';
import { Tokenizer } from 'htmlparser2';

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
const GT = 62; // >

/**
 * Move the index to just before the next character that `stop` accepts (the parse loop then steps onto it),
 * or to the end of the buffer.
 */
function skipUntil(t: Internals, stop: (c: number) => boolean): void {
  const buf = t.buffer;
  let i = t.index + 1 - t.offset;
  while (i < buf.length && !stop(buf.charCodeAt(i))) i++;
  t.index = i - 1 + t.offset;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 12 || c === 13;

/** Tokenizer whose per-character states for text and attribute values skip the characters they ignore. */
class FastTokenizer extends Tokenizer {}

const base = Tokenizer.prototype as unknown as Record<string, Step | undefined>;
const fast = FastTokenizer.prototype as unknown as Record<string, Step>;
const patches: [string, (c: number) => boolean][] = [
  // in text (entities decoded), only "<" and "&" do anything
  ['stateText', (c) => c === LT || c === AMP],
  ['stateInAttributeValueDoubleQuotes', (c) => c === DQ || c === AMP],
  ['stateInAttributeValueSingleQuotes', (c) => c === SQ || c === AMP],
  ['stateInAttributeValueNoQuotes', (c) => isSpace(c) || c === GT || c === AMP],
];
let usable = true;
for (const [name, stop] of patches) {
  const original = base[name];
  if (typeof original !== 'function') {
    usable = false;
    continue;
  }
  fast[name] = function step(this: Internals, c: number): void {
    if (stop(c)) original.call(this, c);
    else skipUntil(this, stop);
  };
}

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

/** Parse a page (cheerio/slim's `load`, faster tokenizing). */
export function loadHtml(html: string): CheerioAPI {
  return load(html, options);
}
