/**
 * compromise steps with the same result for less CPU: its tokenizer pass (what `nlp.tokenize` does), its
 * `freeze` step and its `lexicon` step.
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
  alias?: string[];
  frozen?: boolean;
  chunk?: string;
  dirty?: boolean;
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
      lexicon: Record<string, string | string[]>;
      tagSet?: Record<string, { not?: string[]; parents?: string[] } | undefined>;
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

const lexKey = (t: Term) => t.machine || t.normal;
/** A tag as compromise's setTag applies it as it is: one tag name, no "#", no white space, no list. */
const BARE_TAG = /^[^#\s]+$/u;

/** compromise's tagTerm (setTag.js): `tag` and its parents on `term`, conflicting tags removed; unsafe, as the lexicon step calls it. */
function tagTerm(term: Term, tag: string, tagSet: NonNullable<World['model']['one']['tagSet']>): void {
  if (term.tags.has(tag) || tag === '.') return;
  const known = tagSet[tag];
  if (known) {
    if (known.not) for (const not of known.not) if (term.frozen === true && term.tags.has(not)) return;
    if (known.not) for (const not of known.not) term.tags.delete(not);
    if (known.parents) {
      for (const parent of known.parents) {
        term.tags.add(parent);
        if (parent === 'Noun' || parent === 'Verb') term.chunk = parent;
      }
    }
  }
  term.tags.add(tag);
  term.dirty = true;
  if (tag === 'Noun' || tag === 'Verb') term.chunk = tag;
}

/**
 * compromise's setTag(terms, tag, world, false, reason) as the lexicon step calls it, with its work per call (an
 * environment read, a type test, a trim and two regexes) done only for tags that need it.
 * why: the lexicon step tags most words of an article, and setTag's own checks were most of its cost
 */
function lexTag(terms: Term[], tag: string | string[] | undefined, reason: string): void {
  const tagSet = world.model.one.tagSet;
  if (tag && tagSet && !debugTags && Array.isArray(tag)) {
    for (const one of tag) lexTag(terms, one, reason);
  } else if (tag && tagSet && !debugTags && typeof tag === 'string' && BARE_TAG.test(tag)) {
    for (const term of terms) tagTerm(term, tag, tagSet);
  } else world.methods.one.setTag(terms, tag, world, false, reason);
}
/** compromise logs every tag it sets when DEBUG_TAGS is set: then its own setTag does the tagging. */
const debugTags = Boolean(process.env.DEBUG_TAGS);

/** compromise's verb and adjective prefixes (its lexicon step's single-word lookup). */
const LEXICON_PREFIX = /^(under|over|mis|re|un|dis|semi|pre|post)-?/;
const PREFIX_ALLOWED = new Set(['Verb', 'Infinitive', 'PastTense', 'Gerund', 'PresentTense', 'Adjective', 'Participle']);

/**
 * compromise's multi-word lexicon lookup at term `i` (true: tagged, false: scanned without a match, null: no
 * phrase starts with this word), with the same lookups in the same order.
 * why ours: compromise slices the terms and joins their words again for each phrase length it tries (up to the
 * longest phrase starting with the word, for "the", "in", "of"…); here each longer phrase extends the shorter one
 */
function multiWord(terms: Term[], i: number, lex: Record<string, string | string[]>, multi: Record<string, number>): boolean | null {
  const t = terms[i]!;
  const word = lexKey(t);
  const longest = multi[word as string];
  if (longest === undefined || !terms[i + 1]) return null;
  // phrase i..k for every k compromise may try: it cuts at the sentence end, so k stops at the last term
  const last = Math.min(i + longest - 1, terms.length - 1);
  const phrases: string[] = [];
  let phrase = word ?? '';
  for (let k = i + 1; k <= last; k++) {
    phrase += ` ${lexKey(terms[k]!) ?? ''}`;
    phrases[k] = phrase;
  }
  for (let k = i + longest - 1; k > i; k--) {
    const end = Math.min(k, terms.length - 1);
    if (end <= i) return false;
    const str = phrases[end]!;
    if (Object.hasOwn(lex, str)) {
      const words = terms.slice(i, end + 1);
      const tag = lex[str];
      lexTag(words, tag, '1-multi-lexicon');
      // special case for phrasal-verbs - 2nd word is a #Particle
      if (tag && tag.length === 2 && (tag[0] === 'PhrasalVerb' || tag[1] === 'PhrasalVerb')) lexTag([words[1]!], 'Particle', '1-phrasal-particle');
      return true;
    }
  }
  return false;
}

/** compromise's single-word lexicon lookup (the word, its aliases, a verb or adjective after a prefix). */
function singleWord(t: Term, lex: Record<string, string | string[]>): void {
  const word = lexKey(t) as string;
  if (lex[word] !== undefined && Object.hasOwn(lex, word)) {
    lexTag([t], lex[word], '1-lexicon');
    return;
  }
  if (t.alias) {
    const found = t.alias.find((str) => Object.hasOwn(lex, str));
    if (found) {
      lexTag([t], lex[found], '1-lexicon-alias');
      return;
    }
  }
  if (LEXICON_PREFIX.test(word)) {
    const stem = word.replace(LEXICON_PREFIX, '');
    if (Object.hasOwn(lex, stem) && stem.length > 3 && PREFIX_ALLOWED.has(lex[stem] as string)) {
      lexTag([t], lex[stem], '1-lexicon-prefix');
    }
  }
}

/** compromise's `lexicon` step: every untagged term looked up in its lexicon, phrases first (same tags, same order). */
export function lexicon(view: View): void {
  const { lexicon: lex, _multiCache: multi = {} } = world.model.one;
  for (const terms of (view as unknown as { docs: Term[][] }).docs) {
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      if (t.tags.size === 0 && !multiWord(terms, i, lex, multi)) singleWord(t, lex);
    }
  }
}
