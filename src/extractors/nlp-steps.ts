/**
 * compromise steps with the same result for less CPU: its tokenizer pass (what `nlp.tokenize` does) and its
 * `freeze` step.
 * why: the tokenizer was a large share of the shared parse (BENCHMARKS.md). `nlp.tokenize` normalizes every term twice (once while splitting,
 * once more in its `normal` step), and its normalize / whitespace / machine / contractions steps run a dozen regexes
 * per term although most terms are plain words whose result is known. Here plain words (ASCII letters and digits)
 * take a short path; every other term, and every sentence that can hold a contraction, goes through compromise's
 * own steps. test/extractors/nlp-steps.test.ts checks term by term that the results equal compromise's.
 * Nothing global is changed: compromise behaves as before for every other caller.
 */
import nlp from 'compromise';

/** The term fields compromise's tokenizer sets (the rest of its Term is left to its compute steps). */
interface Term {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
  normal?: string;
  machine?: string;
  implicit?: string;
  frozen?: boolean;
}

interface World {
  methods: {
    one: {
      tokenize: {
        splitSentences(text: string, world: World): string[];
        splitTerms(sentence: string, model: unknown): string[];
        splitWhitespace(term: string, model: unknown): Term;
      };
      setTag(terms: Term[], tag: unknown, world: World, isSafe: boolean, reason: string): void;
    };
  };
  model: {
    one: {
      aliases?: Record<string, unknown>;
      frozenLex?: Record<string, unknown>;
      _multiCache?: Record<string, number>;
      contractions?: Array<{ word?: string | null; before?: string | null; after?: string | null }>;
    };
  };
}

type View = ReturnType<typeof nlp.tokenize>;
type ViewClass = new (document: Term[][]) => View;

const world = nlp.world() as unknown as World;
const ViewOf = (nlp.tokenize('') as unknown as { constructor: ViewClass }).constructor;
const { splitSentences, splitTerms, splitWhitespace } = world.methods.one.tokenize;
const model = nlp.model();

/**
 * A term string that is one plain word, maybe an opening double quote before it, maybe closing punctuation and
 * white space after it: compromise's whitespace step would make the quote its `pre`, the rest its `post`.
 * why these marks only: the others have rules there (a kept "%", "(800)", "'97", "chillin'", "F.B.I.").
 */
const PLAIN_TERM = /^([“"‘]?)([A-Za-z0-9]+)([,.;:!?”"’]*[ \n\r\t]*)$/u;
/** Text whose normal form is its lower case and whose machine form is its normal form. */
const PLAIN_WORD = /^[A-Za-z0-9]+$/u;

const contractionList = world.model.one.contractions ?? [];
const listed = (key: 'word' | 'before' | 'after') => new Set(contractionList.map((c) => c[key]).filter((w): w is string => typeof w === 'string'));
/** compromise's contraction list: whole words ("cannot", "gonna"), parts after ("'ll") and before ("l'") an apostrophe. */
const CONTRACTION_WORDS = listed('word');
const CONTRACTION_AFTER = listed('after');
const CONTRACTION_BEFORE = listed('before');
/** compromise's number-range ("4-6") and number-unit ("5km") splits. */
const NUMBER_RANGE = /^[0-9][^-–—]*[-–—].*?[0-9]/u;
const NUMBER_UNIT = /^[+-]?[0-9][.,0-9]*[a-z°²³µ/]+$/u;

/**
 * True when compromise's contraction step could change this term: a word of its list, an apostrophe part of its
 * list, its own rules for "n't"/"'d" endings, "j'"/"l'"/"d'" starts and "there's", or a number range or unit.
 * why: that step compares every term with each of its ~60 entries; a sentence where no term can match is skipped.
 */
function mayContract(t: Term): boolean {
  const n = t.normal ?? '';
  if (CONTRACTION_WORDS.has(n) || NUMBER_RANGE.test(n) || NUMBER_UNIT.test(t.text)) return true;
  if (!n.includes("'")) return false;
  const [before = '', after = ''] = n.split("'");
  return (
    CONTRACTION_AFTER.has(after) ||
    (CONTRACTION_BEFORE.has(before) && after.length > 2) ||
    after === 't' ||
    after === 'd' ||
    before === 'j' ||
    before === 'l' ||
    before === 'd' ||
    (before === 'there' && after === 's')
  );
}

/** Pieces compromise never makes a term of: they join the white space around them. */
const NOT_WORD = new Set(['.', '?', '!', ':', ';', '-', '–', '—', '--', '...', '(', ')', '[', ']', '"', "'", '`', '«', '»', '*', '•']);
/** Dashes (compromise splits "aug-20" and joins "2 - 5") and slashes (it joins "he / she"). */
const DASH_OR_SLASH = /[-–—/]/u;
const BOUNDARY = /^[!?.]+$/u;

/**
 * compromise's term split for a sentence without dashes or slashes: white-space-separated pieces, each piece that is
 * punctuation alone (NOT_WORD, "?!") carried onto the term before it (or the first term).
 * why: compromise's splitTerms also tries hyphen splits and slash and range joins on every piece, none of which can
 * apply without a dash or a slash.
 */
function splitPlainTerms(sentence: string): string[] {
  const result: string[] = [];
  let carry = '';
  for (const piece of sentence.split(/(\S+)/u)) {
    const word = piece !== '' && piece.trim() !== '' && !NOT_WORD.has(piece) && !BOUNDARY.test(piece);
    if (!word) {
      carry += piece;
      continue;
    }
    if (result.length > 0) {
      result[result.length - 1] += carry;
      result.push(piece);
    } else result.push(carry + piece);
    carry = '';
  }
  if (carry) {
    if (result.length === 0) result.push(carry);
    else result[result.length - 1] += carry;
  }
  return result.filter((s) => s);
}

/** Split one sentence into terms with text, pre, post and normal set, as compromise's own parse does. */
function sentenceTerms(sentence: string, slow: Term[]): Term[] {
  const out: Term[] = [];
  const pieces = DASH_OR_SLASH.test(sentence) ? splitTerms(sentence, model) : splitPlainTerms(sentence);
  for (const raw of pieces) {
    const m = PLAIN_TERM.exec(raw);
    if (m) {
      out.push({ text: m[2]!, pre: m[1]!, post: m[3]!, tags: new Set(), normal: m[2]!.toLowerCase() });
      continue;
    }
    const t = splitWhitespace(raw, model);
    if (PLAIN_WORD.test(t.text)) t.normal = t.text.toLowerCase();
    else slow.push(t);
    out.push(t);
  }
  return out;
}

/**
 * Tokenize `text` as `nlp.tokenize(text)` does: the same sentences and terms, each with text, pre, post, normal,
 * machine, alias and implicit, and contractions expanded.
 */
export function tokenize(text: string): View {
  const slowNormal: Term[] = [];
  const document = splitSentences(text, world).map((s) => sentenceTerms(s, slowNormal));
  // compromise's own normalize for every term that is not a plain word
  if (slowNormal.length) runStep('normal', [slowNormal]);
  // why: its alias and machine steps change nothing on a plain word that is not an alias ("plz"): the machine form
  // equals the normal form, and compromise then leaves `machine` unset
  const aliases = world.model.one.aliases ?? {};
  const slow: Term[] = [];
  for (const terms of document) {
    for (const t of terms) if (!PLAIN_WORD.test(t.normal ?? '') || Object.hasOwn(aliases, t.normal ?? '')) slow.push(t);
  }
  if (slow.length) {
    runStep('alias', [slow]);
    runStep('machine', [slow]);
  }
  // the contraction step works sentence by sentence, splicing new terms into the sentence arrays in place
  const contractible = document.filter((terms) => terms.some(mayContract));
  if (contractible.length) runStep('contractions', contractible);
  return new ViewOf(document);
}

/** One View reused to run a compromise step on chosen terms (a View costs a few property definitions to make). */
const scratch = new ViewOf([]) as unknown as { document: Term[][]; compute(step: string): unknown };

/** Run compromise's compute step `step` on `document` (sentences of terms, changed in place). */
function runStep(step: string, document: Term[][]): void {
  scratch.document = document;
  try {
    scratch.compute(step);
  } finally {
    scratch.document = []; // never keep a page's terms alive between parses
  }
}

/** The frozen lexicon's keys and every prefix of a key that ends before a space ("new york city" → "new", "new york"). */
let frozenKeys: { size: number; words: Set<string> } | null = null;
/**
 * The set above, rebuilt when the frozen lexicon has changed size (a plugin added words).
 * why callers of `freeze` on many views at once take it once: the size check lists the lexicon's keys
 */
export function frozenWords(): Set<string> {
  const lex = world.model.one.frozenLex ?? {};
  const keys = Object.keys(lex);
  if (frozenKeys?.size !== keys.length) {
    const words = new Set<string>();
    for (const k of keys) {
      words.add(k);
      for (let at = k.indexOf(' '); at > 0; at = k.indexOf(' ', at + 1)) words.add(k.slice(0, at));
    }
    frozenKeys = { size: keys.length, words };
  }
  return frozenKeys.words;
}

/**
 * compromise's `freeze` step: tags the words and phrases of its frozen lexicon and marks them frozen (the tagger
 * then leaves them alone); the same tags in the same order.
 * why ours: compromise scans ahead at every word that starts any phrase of its main lexicon ("the", "new"), joining
 * up to five words each time, while only ~100 frozen entries can match; here a scan starts only when the word and
 * the next one begin a frozen phrase.
 */
export function freeze(view: View, words: Set<string> = frozenWords()): void {
  const lex = world.model.one.frozenLex ?? {};
  const multi = world.model.one._multiCache ?? {};
  const setTag = world.methods.one.setTag;
  const key = (t: Term) => t.machine || t.normal || '';
  for (const terms of (view as unknown as { docs: Term[][] }).docs) {
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      const word = key(t);
      // neither a frozen entry nor the first word of one: nothing below can match
      if (!words.has(word)) continue;
      const next = terms[i + 1];
      if (multi[word] !== undefined && next && words.has(`${word} ${key(next)}`)) {
        for (let k = i + multi[word] - 1; k > i; k--) {
          const phrase = terms.slice(i, k + 1);
          const str = phrase.map(key).join(' ');
          if (Object.hasOwn(lex, str)) {
            setTag(phrase, lex[str], world, false, '1-frozen-multi-lexicon');
            for (const p of phrase) p.frozen = true;
          }
        }
      }
      if (lex[word] !== undefined && Object.hasOwn(lex, word)) {
        setTag([t], lex[word], world, false, '1-freeze-lexicon');
        t.frozen = true;
      }
    }
  }
}
