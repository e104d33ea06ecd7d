/**
 * The entity model's features: named functions of the entity tokens and of what the rules decided, hashed to
 * integers. One module for training (scripts/train/entities.ts) and run time, so both see the same features.
 * why hashing: no feature dictionary to ship or look up; strings are hashed once per token, templates combine
 * integers, so a token costs a few dozen integer mixes and no string building.
 */
import { COMMON_FIRST_NAMES, COMPANY_WORDS, FIRST_NAMES, isCommonWord, lexiconTags } from './lexicons.js';
import type { ETok } from './tokens.js';
import { LEADING_TITLES, ORG_SUFFIXES, PERSON_TITLES } from './words.js';

/** What the rule pass said about a token: the chunk's label, the deciding rule, the token's place in the chunk. */
export interface RuleView {
  label: string;
  rule: string;
  strong: boolean;
  /** 0 = first token of the chunk, 1 = inside. */
  inside: boolean;
  /** Words in the chunk. */
  length: number;
}

/** FNV-1a of a string (32 bits). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combine a template id and a value hash into one feature hash. */
const mix = (template: number, value: number): number => {
  let h = Math.imul(template ^ 0x9e3779b9, 0x85ebca6b) ^ value;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
};

/** A word's shape: letters and digits by class, runs collapsed ("Xx", "X.X.", "d", "xXx"). */
export function shapeOf(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const k = ch.charCodeAt(0);
    // why the ASCII branch: most characters are ASCII and a regex per character is most of the cost
    const c =
      k < 128
        ? k >= 65 && k <= 90
          ? 'X'
          : k >= 97 && k <= 122
            ? 'x'
            : k >= 48 && k <= 57
              ? 'd'
              : ch
        : /\p{Lu}/u.test(ch)
          ? 'X'
          : /\p{Ll}/u.test(ch)
            ? 'x'
            : /\p{N}/u.test(ch)
              ? 'd'
              : ch;
    if (c !== last) out += c;
    last = c;
    if (out.length > 6) break;
  }
  return out;
}

// Boolean facts about one token; each is one feature (and one for each neighbour)
const FLAG_NAMES = [
  'cap',
  'upper',
  'initial',
  'possessive',
  'breakAfter',
  'dotted',
  'capsLine',
  'tableLine',
  'hyphenAfter',
  'firstName',
  'commonFirstName',
  'companyWord',
  'commonWord',
  'lexPlace',
  'lexLastName',
  'tagPerson',
  'tagFirstName',
  'tagLastName',
  'tagHonorific',
  'tagOrganization',
  'tagPlace',
  'tagDemonym',
  'tagProperNoun',
  'tagNoun',
  'tagVerb',
  'tagAdjective',
  'tagPlural',
  'tagAcronym',
  'tagDate',
  'tagValue',
  'tagFunction',
  'tagPronoun',
  'tagSportsTeam',
  'personTitle',
  'leadingTitle',
  'orgSuffixCompany',
  'orgSuffixGovernment',
  'orgSuffixMedia',
  'orgSuffixOther',
  'quoteBefore',
  'digit',
  'lineStart',
] as const;
const FLAG = Object.fromEntries(FLAG_NAMES.map((n, i) => [n, i])) as Record<(typeof FLAG_NAMES)[number], number>;
const PLACE = new Set(['Place', 'Country', 'City', 'Region', 'Address']);
/** Feature hashes of the flags: the token's own (100 + k), the previous token's (200 + k), the next's (300 + k). */
const FLAG_FEATURES = [100, 200, 300].flatMap((base) => FLAG_NAMES.map((_, k) => mix(base + k, 0)));
const FUNCTION_TAGS = ['Determiner', 'Preposition', 'Conjunction'];
const DATE_TAGS = ['Month', 'WeekDay', 'Date', 'Holiday'];

/** What a word says about itself, whatever its context: hashes and lexicon flags. Cached per word as written. */
interface WordFacts {
  lower: number;
  text: number;
  shape: number;
  pre2: number;
  pre3: number;
  suf2: number;
  suf3: number;
  suf4: number;
  flags: number[];
}

const wordCache = new Map<string, WordFacts>();

/**
 * A word as the model reads it: typographic apostrophes as the typewriter's. why: the training corpora are tokenized
 * text with straight apostrophes, news pages use curly ones; "D’Amelio" must read as "D'Amelio" does
 */
const plainApostrophes = (s: string) => (s.includes('’') || s.includes('‘') || s.includes('ʼ') ? s.replace(/[’‘ʼ]/gu, "'") : s);

function wordFacts(t: ETok): WordFacts {
  let w = wordCache.get(t.text);
  if (w) return w;
  const text = plainApostrophes(t.text);
  const lower = plainApostrophes(t.lower);
  const f: number[] = [];
  const on = (name: (typeof FLAG_NAMES)[number], v: boolean) => v && f.push(FLAG[name]);
  const lex = lexiconTags(lower);
  on('firstName', FIRST_NAMES.has(lower));
  on('commonFirstName', COMMON_FIRST_NAMES.has(lower));
  on('companyWord', COMPANY_WORDS.has(lower));
  on('commonWord', isCommonWord(lower));
  on(
    'lexPlace',
    lex.some((x) => PLACE.has(x)),
  );
  on('lexLastName', lex.includes('LastName'));
  const bare = lower.replace(/\.$/u, '');
  on('personTitle', PERSON_TITLES.has(bare));
  on('leadingTitle', LEADING_TITLES.has(bare));
  const suffix = ORG_SUFFIXES.get(bare);
  on('orgSuffixCompany', suffix === 'company');
  on('orgSuffixGovernment', suffix === 'government');
  on('orgSuffixMedia', suffix === 'media');
  on('orgSuffixOther', suffix === 'other');
  on('digit', /\d/u.test(text));
  w = {
    lower: hashString(lower),
    text: hashString(text),
    shape: hashString(shapeOf(text)),
    pre2: hashString(lower.slice(0, 2)),
    pre3: hashString(lower.slice(0, 3)),
    suf2: hashString(lower.slice(-2)),
    suf3: hashString(lower.slice(-3)),
    suf4: hashString(lower.slice(-4)),
    flags: f,
  };
  // why a bound: a worker reads article after article; the cache must not grow with every word it ever saw
  if (wordCache.size > 20_000) wordCache.clear();
  wordCache.set(t.text, w);
  return w;
}

/** compromise tags → the flag each sets. */
const TAG_FLAGS = new Map<string, number>([
  ['Person', FLAG.tagPerson],
  ['FirstName', FLAG.tagFirstName],
  ['MaleName', FLAG.tagFirstName],
  ['FemaleName', FLAG.tagFirstName],
  ['LastName', FLAG.tagLastName],
  ['Honorific', FLAG.tagHonorific],
  ['Organization', FLAG.tagOrganization],
  ...[...PLACE].map((t) => [t, FLAG.tagPlace] as [string, number]),
  ['Demonym', FLAG.tagDemonym],
  ['ProperNoun', FLAG.tagProperNoun],
  ['Noun', FLAG.tagNoun],
  ['Verb', FLAG.tagVerb],
  ['Adjective', FLAG.tagAdjective],
  ['Plural', FLAG.tagPlural],
  ['Acronym', FLAG.tagAcronym],
  ...DATE_TAGS.map((t) => [t, FLAG.tagDate] as [string, number]),
  ['Value', FLAG.tagValue],
  ...FUNCTION_TAGS.map((t) => [t, FLAG.tagFunction] as [string, number]),
  ['Pronoun', FLAG.tagPronoun],
  ['SportsTeam', FLAG.tagSportsTeam],
]);

/**
 * Flags of a token in its place: case, position, compromise's tags in this sentence.
 * why no helper closures: this runs for every token the model reads
 */
function flagsOf(t: ETok, prev: ETok | undefined, word: WordFacts): number[] {
  const f: number[] = word.flags.slice();
  if (t.cap) f.push(FLAG.cap);
  if (t.upper && t.text.length > 1) f.push(FLAG.upper);
  if (t.initial) f.push(FLAG.initial);
  if (t.possessive) f.push(FLAG.possessive);
  if (t.breakAfter) f.push(FLAG.breakAfter);
  if (t.dotted) f.push(FLAG.dotted);
  if (t.capsLine) f.push(FLAG.capsLine);
  if (t.tableLine) f.push(FLAG.tableLine);
  if (t.hyphenAfter) f.push(FLAG.hyphenAfter);
  for (const tag of t.tags) {
    const k = TAG_FLAGS.get(tag);
    // why the check: several tags set one flag (Place, Country, City…)
    if (k !== undefined && !f.includes(k)) f.push(k);
  }
  if (t.gap !== ' ' && /["“‘]\s*$/u.test(t.gap)) f.push(FLAG.quoteBefore);
  if (!prev || prev.line !== t.line) f.push(FLAG.lineStart);
  return f;
}

/** Per-token hashes and flags. */
interface TokenFacts extends WordFacts {
  rule: number;
  ruleName: number;
  ruleLen: number;
}

const NONE_HASH = hashString('<none>');
const BIAS = mix(1, 0);
// why: rule views come from a closed set (labels × rule names × positions); hash each once
const hashes = new Map<string, number>();
const cachedHash = (s: string): number => {
  let h = hashes.get(s);
  if (h === undefined) {
    h = hashString(s);
    hashes.set(s, h);
  }
  return h;
};
const EDGE = hashString('<edge>');

function factsOf(toks: readonly ETok[], rules: readonly (RuleView | null)[], from: number, to: number): TokenFacts[] {
  const out: TokenFacts[] = [];
  for (let i = from; i < to; i++) {
    const t = toks[i]!;
    const r = rules[i];
    const word = wordFacts(t);
    out.push({
      lower: word.lower,
      text: word.text,
      shape: word.shape,
      pre2: word.pre2,
      pre3: word.pre3,
      suf2: word.suf2,
      suf3: word.suf3,
      suf4: word.suf4,
      flags: flagsOf(t, toks[i - 1], word),
      rule: r ? cachedHash(`${r.label}${r.inside ? 'I' : 'B'}${r.strong ? 's' : ''}`) : NONE_HASH,
      ruleName: r ? cachedHash(`${r.rule}${r.inside ? 'I' : 'B'}${r.label}`) : NONE_HASH,
      ruleLen: r ? cachedHash(`${r.label}${Math.min(r.length, 4)}`) : NONE_HASH,
    });
  }
  return out;
}

/**
 * Feature hashes for every token (unmasked 32-bit values). Templates (by number): the word, its lower case and its
 * neighbours' up to two away; shapes and shape pairs; prefixes and suffixes; the token's flags and its neighbours'
 * (lexicon hits, compromise tags, case, sentence and line position); the rule pass's label, rule and chunk length.
 * Tokens [from, to) only (their neighbours are read).
 */
export function featurize(toks: readonly ETok[], rules: readonly (RuleView | null)[], from = 0, to = toks.length): Uint32Array[] {
  const facts = documentFacts(toks, rules, from, to);
  const buf = new Uint32Array(MAX_FEATURES);
  const out: Uint32Array[] = [];
  for (let i = from; i < to; i++) out.push(buf.slice(0, tokenFeatures(facts, i, buf)));
  return out;
}

/** Most features one token can have (the fixed templates and every flag of it and its two neighbours). */
export const MAX_FEATURES = 24 + 3 * FLAG_NAMES.length;

/** Facts of tokens [from - 2, to + 2) (the templates read neighbours up to two away), with the offset of the first. */
export interface DocumentFacts {
  facts: TokenFacts[];
  lo: number;
}

export function documentFacts(toks: readonly ETok[], rules: readonly (RuleView | null)[], from: number, to: number): DocumentFacts {
  const lo = Math.max(0, from - 2);
  return { facts: factsOf(toks, rules, lo, Math.min(toks.length, to + 2)), lo };
}

/**
 * Write token i's feature hashes into `buf`; returns how many.
 * why a buffer, no callbacks or arrays: this runs for every token the model reads
 */
export function tokenFeatures({ facts, lo }: DocumentFacts, i: number, buf: Uint32Array): number {
  const f = facts[i - lo]!;
  const p = facts[i - 1 - lo];
  const n = facts[i + 1 - lo];
  const p2 = facts[i - 2 - lo];
  const n2 = facts[i + 2 - lo];
  const pl = p ? p.lower : EDGE;
  const ps = p ? p.shape : EDGE;
  const ns = n ? n.shape : EDGE;
  let k = 0;
  buf[k++] = BIAS;
  buf[k++] = mix(2, f.lower);
  buf[k++] = mix(3, f.text);
  buf[k++] = mix(4, pl);
  buf[k++] = mix(5, n ? n.lower : EDGE);
  buf[k++] = mix(6, p2 && i - 2 >= lo ? p2.lower : EDGE);
  buf[k++] = mix(7, n2 ? n2.lower : EDGE);
  buf[k++] = mix(8, f.shape);
  buf[k++] = mix(9, ps);
  buf[k++] = mix(10, ns);
  buf[k++] = mix(11, mix(f.shape, ps));
  buf[k++] = mix(12, mix(f.shape, ns));
  buf[k++] = mix(13, f.suf2);
  buf[k++] = mix(14, f.suf3);
  buf[k++] = mix(15, f.suf4);
  buf[k++] = mix(16, f.pre2);
  buf[k++] = mix(17, f.pre3);
  buf[k++] = mix(21, f.rule);
  buf[k++] = mix(22, f.ruleName);
  buf[k++] = mix(23, f.ruleLen);
  buf[k++] = mix(24, p ? p.rule : EDGE);
  buf[k++] = mix(25, n ? n.rule : EDGE);
  buf[k++] = mix(26, mix(f.rule, f.shape));
  buf[k++] = mix(27, mix(f.lower, pl));
  const nf = FLAG_NAMES.length;
  for (const x of f.flags) buf[k++] = FLAG_FEATURES[x]!;
  if (p) for (const x of p.flags) buf[k++] = FLAG_FEATURES[nf + x]!;
  if (n) for (const x of n.flags) buf[k++] = FLAG_FEATURES[2 * nf + x]!;
  return k;
}
