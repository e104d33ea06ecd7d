/**
 * `npm run eval -- entities`: people and organizations on CoNLL-2003 dev and MEANTIME dev (../shared/eval/entities).
 * Exact and overlap P/R/F1 per type (PER, ORG), as in ../shared/eval/README.md, for newsflow and for compromise alone,
 * plus the time of the entity pass on ~800-word articles.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { findEntities, findEntitiesWith } from '../../src/extractors/entities/index.js';
import { MODEL } from '../../src/extractors/entities/model.js';
import { parseText } from '../../src/extractors/nlp.js';
import { WORKER_NODE_FLAGS } from '../../src/workers/node-flags.js';
import { useEnvSnapshot } from '../../src/workers/thread-env.js';
import { fmt, mdTable, prf, readJsonl, type EvalOptions, type EvalSection } from './_shared.js';

type EntType = 'PER' | 'ORG';
interface GoldEntity {
  start: number;
  end: number;
  type: string;
  text: string;
}
interface Doc {
  id: string;
  text: string;
  entities: GoldEntity[];
}
interface Mention {
  start: number;
  end: number;
  type: EntType;
}
interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const TYPES: EntType[] = ['PER', 'ORG'];
/**
 * The sets, each with the extent its guidelines give a person's mention: CoNLL marks the name alone (no title in any of
 * its 66 titled dev cases), MEANTIME the name with a capitalized title right before it ("Senator Jane Doe", in all 6
 * of its titled dev cases). newsflow gives both: a mention's span is the name, its `titleStart` where the title begins.
 */
const SETS: { name: string; file: string; titles: boolean }[] = [
  { name: 'CoNLL-2003 dev', file: 'conll2003-dev.jsonl', titles: false },
  { name: 'MEANTIME dev', file: 'meantime-dev.jsonl', titles: true },
];

const OPENERS = new Set([' ', '\t', '\n', '\r', '"', "'", '“', '”', '‘', '’', '(', ')', '[', ']', '{', '}', '«', '»']);

/** Trim a span as the README says: whitespace, quotes, brackets, a trailing `.`/`,`, a possessive `'s`. */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  for (let changed = true; changed && s < e; ) {
    changed = false;
    while (s < e && OPENERS.has(text[s]!)) {
      s++;
      changed = true;
    }
    while (e > s && OPENERS.has(text[e - 1]!)) {
      e--;
      changed = true;
    }
    if (e - s >= 2 && /^['’]s$/u.test(text.slice(e - 2, e)) && e - 2 > s) {
      e -= 2;
      changed = true;
    } else if (e > s && (text[e - 1] === '.' || text[e - 1] === ',')) {
      // why: "Inc." keeps nothing special; the README trims a trailing full stop on both sides alike
      e--;
      changed = true;
    }
  }
  return [s, e];
}

function score(text: string, gold: Mention[], pred: Mention[], type: EntType, exact: Counts, overlap: Counts): void {
  const norm = (ms: Mention[]) =>
    ms
      .filter((m) => m.type === type)
      .map((m) => trimSpan(text, m.start, m.end))
      .filter(([s, e]) => e > s);
  // why both deduped: a span and type is one mention, however often a file lists it (MEANTIME dev lists 4 PER and 12
  // ORG spans twice; no system could match the second copy)
  const g = dedupe(norm(gold));
  const p = dedupe(norm(pred));
  const gUsed = new Array<boolean>(g.length).fill(false);
  const pUsed = new Array<boolean>(p.length).fill(false);
  let exactTp = 0;
  for (let i = 0; i < g.length; i++) {
    const j = p.findIndex((x, k) => !pUsed[k] && x[0] === g[i]![0] && x[1] === g[i]![1]);
    if (j >= 0) {
      gUsed[i] = true;
      pUsed[j] = true;
      exactTp++;
    }
  }
  let overlapTp = exactTp;
  for (let i = 0; i < g.length; i++) {
    if (gUsed[i]) continue;
    const j = p.findIndex((x, k) => !pUsed[k] && x[0] < g[i]![1] && g[i]![0] < x[1]);
    if (j >= 0) {
      gUsed[i] = true;
      pUsed[j] = true;
      overlapTp++;
    }
  }
  exact.tp += exactTp;
  exact.fp += p.length - exactTp;
  exact.fn += g.length - exactTp;
  overlap.tp += overlapTp;
  overlap.fp += p.length - overlapTp;
  overlap.fn += g.length - overlapTp;
}

function dedupe(spans: [number, number][]): [number, number][] {
  const seen = new Set<string>();
  return spans.filter(([s, e]) => {
    if (seen.has(`${s}:${e}`)) return false;
    seen.add(`${s}:${e}`);
    return true;
  });
}

/** newsflow: one shared parse, then the entity pass; `titles`: a person's mention starts at its title, if any. */
export function predictNewsflow(text: string, titles = false): Mention[] {
  return mentionsOf(findEntities(parseText(text), {}), titles);
}

/** newsflow's rules without the learned layer (findEntitiesWith, no model). */
function predictRules(text: string, titles = false): Mention[] {
  return mentionsOf(findEntitiesWith(parseText(text), null), titles);
}

function mentionsOf({ people, organizations }: ReturnType<typeof findEntities>, titles: boolean): Mention[] {
  return [
    ...people.flatMap((p) => p.mentions.map((m) => ({ start: titles ? (m.titleStart ?? m.start) : m.start, end: m.end, type: 'PER' as const }))),
    ...organizations.flatMap((o) => o.mentions.map((m) => ({ start: m.start, end: m.end, type: 'ORG' as const }))),
  ];
}

interface CompromiseMatch {
  offset: { start: number; length: number };
}
function predictCompromise(text: string): Mention[] {
  const doc = nlp(text);
  // why the structural type: people() and organizations() return different compromise view classes
  const spans = (v: { json(opts: object): unknown }, type: EntType) =>
    (v.json({ offset: true }) as CompromiseMatch[]).map((m) => ({
      start: m.offset.start,
      end: m.offset.start + m.offset.length,
      type,
    }));
  return [...spans(doc.people(), 'PER'), ...spans(doc.organizations(), 'ORG')];
}

interface SetResult {
  rows: (string | number)[][];
  f1: Record<string, number>;
}

function runSet(docs: Doc[], system: string, predict: (t: string) => Mention[], verbose: boolean): SetResult {
  const counts = new Map<string, Counts>();
  const get = (k: string) => {
    let c = counts.get(k);
    if (!c) {
      c = { tp: 0, fp: 0, fn: 0 };
      counts.set(k, c);
    }
    return c;
  };
  for (const doc of docs) {
    const gold = doc.entities.filter((e) => e.type === 'PER' || e.type === 'ORG').map((e) => ({ start: e.start, end: e.end, type: e.type as EntType }));
    const pred = predict(doc.text);
    for (const t of TYPES) score(doc.text, gold, pred, t, get(`${t}:exact`), get(`${t}:overlap`));
    if (verbose) printDiff(doc, gold, pred);
  }
  const rows: (string | number)[][] = [];
  const f1: Record<string, number> = {};
  for (const t of TYPES) {
    const e = get(`${t}:exact`);
    const o = get(`${t}:overlap`);
    const pe = prf(e.tp, e.fp, e.fn);
    const po = prf(o.tp, o.fp, o.fn);
    f1[t] = pe.f1;
    rows.push([system, t, fmt(pe.p), fmt(pe.r), `**${fmt(pe.f1)}**`, fmt(po.p), fmt(po.r), fmt(po.f1), e.tp + e.fn]);
  }
  return { rows, f1 };
}

function printDiff(doc: Doc, gold: Mention[], pred: Mention[]): void {
  const key = (m: Mention) => {
    const [s, e] = trimSpan(doc.text, m.start, m.end);
    return `${m.type} ${doc.text.slice(s, e)} @${s}`;
  };
  // why: a miss is understood from its sentence ("Senator [Jane Doe]" vs "[Senator Jane Doe]"), so show 30 characters around it
  const context = (m: Mention) => {
    const [s, e] = trimSpan(doc.text, m.start, m.end);
    const t = doc.text;
    return `${t.slice(Math.max(0, s - 30), s)}[${t.slice(s, e)}]${t.slice(e, e + 30)}`.replace(/\s+/gu, ' ');
  };
  const g = new Map(gold.map((m) => [key(m), m]));
  const p = new Map(pred.map((m) => [key(m), m]));
  for (const [k, m] of g) if (!p.has(k)) process.stdout.write(`  FN ${doc.id} ${k}   …${context(m)}…\n`);
  for (const [k, m] of p) if (!g.has(k)) process.stdout.write(`  FP ${doc.id} ${k}   …${context(m)}…\n`);
}

interface GgtDoc {
  id: string;
  text: string;
  people: string[];
}

/** Distinct case-folded names, each name whose words all appear in another merged into that one. */
export function mergeNames(names: readonly string[]): Set<string> {
  const distinct = [...new Set(names.map((n) => n.toLowerCase().replace(/\s+/gu, ' ').trim()).filter(Boolean))];
  const words = (n: string) => new Set(n.split(' '));
  return new Set(
    distinct.filter((n) => {
      const w = words(n);
      return !distinct.some((m) => m !== n && [...w].every((x) => words(m).has(x)) && (words(m).size > w.size || m > n));
    }),
  );
}

/** The people-named measure on GGT dev, for newsflow and its rules alone. */
function peopleNamed(docs: GgtDoc[]): Record<string, Counts> {
  const systems: Record<string, (t: string) => string[]> = {
    ...(MODEL ? { 'newsflow rules alone': (t: string) => findEntitiesWith(parseText(t), null).people.map((p) => p.name) } : {}),
    newsflow: (t: string) => findEntities(parseText(t), {}).people.map((p) => p.name),
  };
  const out: Record<string, Counts> = {};
  for (const [system, predict] of Object.entries(systems)) {
    const c = { tp: 0, fp: 0, fn: 0 };
    for (const d of docs) {
      const gold = mergeNames(d.people);
      const pred = mergeNames(predict(d.text));
      for (const p of pred) gold.has(p) ? c.tp++ : c.fp++;
      for (const g of gold) if (!pred.has(g)) c.fn++;
    }
    out[system] = c;
  }
  return out;
}

type Timing = { entities: number; parse: number; entitiesCpu: number; rulesCpu: number; parseCpu: number; articles: number };

/**
 * The timing of `timing()` in a fresh process on the same set file (first `limit` documents).
 * why: in the eval's own process the heap holds what earlier tasks left (10,000 article pages, every set), and
 * collecting it was charged to the parse; a worker's extraction thread holds only the model and one article
 */
function timingInChild(file: string, limit: number | null): Timing | null {
  // why the worker flags: as bin/newsflow.js runs workers (process CPU then holds no parallel GC helper threads)
  const res = spawnSync(process.execPath, [...WORKER_NODE_FLAGS, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, NF_ENTITY_TIMING: JSON.stringify({ file, limit }) },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = res.stdout?.trim().split('\n').pop();
  try {
    return res.status === 0 && line ? (JSON.parse(line) as Timing) : null;
  } catch {
    return null;
  }
}

/** ms per ~800-word article (median over articles and rounds, so other load on the machine counts less). */
function timing(docs: Doc[]): Timing {
  const words = docs
    .map((d) => d.text)
    .join('\n')
    .split(/\s+/u);
  const articles: string[] = [];
  for (let i = 0; i + 800 <= words.length && articles.length < 12; i += 800) articles.push(words.slice(i, i + 800).join(' '));
  // warm-up: a worker extracts article after article, so its JIT is warm; measure that steady state
  for (let round = 0; round < 4; round++) for (const a of articles) findEntities(parseText(a), {});
  const parseMs: number[] = [];
  const entMs: number[] = [];
  const parsed = articles.map((a) => parseText(a));
  for (let round = 0; round < 5; round++)
    for (const a of articles) {
      const t0 = performance.now();
      const p = parseText(a);
      const t1 = performance.now();
      findEntities(p, {});
      entMs.push(performance.now() - t1);
      parseMs.push(t1 - t0);
    }
  // why: CPU time of the entity pass alone, over many runs, is steadier than wall time on a shared machine;
  // rounds alternate with the rules alone (no model), so both see the same load
  const runs = 20;
  let cpuMs = 0;
  let rulesMs = 0;
  const cpuOf = (f: () => void) => {
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  for (let round = 0; round < runs; round++) {
    cpuMs += cpuOf(() => {
      for (const p of parsed) findEntities(p, {});
    });
    rulesMs += cpuOf(() => {
      for (const p of parsed) findEntitiesWith(p, null);
    });
  }
  const pcpu0 = process.cpuUsage();
  const parseRuns = 10;
  for (let round = 0; round < parseRuns; round++) for (const a of articles) parseText(a);
  const pcpu = process.cpuUsage(pcpu0);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return {
    parseCpu: (pcpu.user + pcpu.system) / 1000 / (parseRuns * articles.length),
    entities: median(entMs),
    parse: median(parseMs),
    entitiesCpu: cpuMs / (runs * parsed.length),
    rulesCpu: rulesMs / (runs * parsed.length),
    articles: articles.length,
  };
}

/** Score newsflow and compromise alone on each entities set found under `dataDir`. */
export async function evaluate(opts: EvalOptions): Promise<EvalSection | null> {
  const dir = join(opts.dataDir, 'entities');
  if (!existsSync(dir)) return null;
  const rows: (string | number)[][] = [];
  const summary: Record<string, number | string> = {};
  let timingFile: string | null = null;
  const namesAlone: Record<string, number> = {};
  for (const set of SETS) {
    const file = join(dir, set.file);
    if (!existsSync(file) || !readFileSync(file, 'utf8').trim()) continue;
    let docs = readJsonl<Doc>(file);
    if (opts.limit !== null) docs = docs.slice(0, opts.limit);
    timingFile ??= file;
    const base = runSet(docs, 'compromise alone', predictCompromise, false);
    const rules = MODEL ? runSet(docs, 'newsflow rules alone', (t) => predictRules(t, set.titles), false) : null;
    const ours = runSet(docs, 'newsflow', (t) => predictNewsflow(t, set.titles), opts.verbose);
    for (const r of [...base.rows, ...(rules?.rows ?? []), ...ours.rows]) rows.push([set.name, ...r]);
    for (const t of TYPES) summary[`${set.name} ${t} exact F1`] = Number(fmt(ours.f1[t]!));
    // why: the figure on the other convention too, so a reader sees what the extent alone is worth
    if (set.titles) namesAlone[set.name] = runSet(docs, 'newsflow', (t) => predictNewsflow(t, false), false).f1.PER!;
  }
  const ggt = join(opts.dataDir, 'quotes', 'ggt-dev.jsonl');
  const people = existsSync(ggt) ? peopleNamed(readJsonl<GgtDoc>(ggt).slice(0, opts.limit ?? undefined)) : null;
  if (people) {
    for (const [system, c] of Object.entries(people)) {
      const r = prf(c.tp, c.fp, c.fn);
      if (system === 'newsflow') {
        summary['GGT dev people named P'] = Number(fmt(r.p));
        summary['GGT dev people named F1'] = Number(fmt(r.f1));
      }
    }
  }
  if (!rows.length) return null;
  const fresh = timingInChild(timingFile!, opts.limit);
  const t = fresh ?? timing(readJsonl<Doc>(timingFile!).slice(0, opts.limit ?? undefined));
  summary['entity pass ms/800 words'] = Number(t.entities.toFixed(2));
  summary['entity pass CPU ms/800 words'] = Number(t.entitiesCpu.toFixed(2));
  summary['entity pass without the model CPU ms/800 words'] = Number(t.rulesCpu.toFixed(2));
  summary['parse ms/800 words'] = Number(t.parse.toFixed(2));
  summary['parse CPU ms/800 words'] = Number(t.parseCpu.toFixed(2));
  summary['parse + entity pass CPU ms/800 words'] = Number((t.parseCpu + t.entitiesCpu).toFixed(2));
  const cmd = `npm run eval -- entities${opts.limit !== null ? ` --limit ${opts.limit}` : ''}`;
  const markdown = [
    '## Entities: people and organizations',
    '',
    `Command: \`${cmd}\`. Exact = same trimmed boundaries and type; overlap = one-to-one, exact pairs first.`,
    '',
    mdTable(['set', 'system', 'type', 'P', 'R', 'F1 exact', 'P ovl', 'R ovl', 'F1 ovl', 'gold'], rows),
    '',
    ...(people
      ? [
          'People named, GGT dev (`quotes/ggt-dev.jsonl`, field `people`): per article, the distinct person names, ' +
            'case-folded, a name whose words all appear in another of its names merged into that one, matched exactly ' +
            'against the gold list (merged the same way); counts summed over articles.',
          '',
          mdTable(
            ['system', 'P', 'R', 'F1', 'gold'],
            Object.entries(people).map(([system, c]) => {
              const r = prf(c.tp, c.fp, c.fn);
              return [system, fmt(r.p), fmt(r.r), `**${fmt(r.f1)}**`, c.tp + c.fn];
            }),
          ),
          '',
        ]
      : []),
    `Time per ~800-word article, ` +
      (fresh
        ? `measured in a fresh process run as workers run (${WORKER_NODE_FLAGS.join(' ')}; ` +
          'JIT warmed on the same articles; only the model and the articles in its heap)'
        : 'in the eval process') +
      ': ' +
      `entity pass ${t.entities.toFixed(2)} ms wall (median of ${t.articles} ` +
      `articles × 5 rounds), ${t.entitiesCpu.toFixed(2)} ms CPU (mean of 20 rounds; ${t.rulesCpu.toFixed(2)} ms without the model, ` +
      'in rounds alternating with it) — findEntities on the shared parse; ' +
      `the shared compromise parse (parseText, paid once for entities, dates and quotes) ${t.parse.toFixed(2)} ms wall, ` +
      `${t.parseCpu.toFixed(2)} ms CPU (mean of 10 rounds). Parse + entity pass: **${(t.parseCpu + t.entitiesCpu).toFixed(2)} ms CPU** ` +
      "(target ≤ 16 ms, issue 19; compromise's own full parse is the reference). " +
      'Wall-clock figures grow when other work shares the machine.',
    '',
    '"newsflow" is the entity pass as shipped (rules, then the learned layer of data/models/entities reviewing the ' +
      'rules\' weak people and organizations); "newsflow rules alone" is the same pass without the model. ' +
      'Notes: each document is parsed whole, once (CoNLL documents are one sentence a line; MEANTIME is scored on its ' +
      'annotated `text`). "compromise alone" is `.people()` / `.organizations()` on the same text. MEANTIME counts a ' +
      'capitalized title as part of a person\'s mention (as in "Senator Jane Doe": 6 of its 52 distinct PER mentions), CoNLL never ' +
      "does (it leaves the title out in all 66 of its dev cases). newsflow's person mentions are the name, as CoNLL, " +
      'OntoNotes and the taggers built on them mark them, and say where a capitalized title written right before the name ' +
      "begins (`titleStart`; the title's words are the person's `title`). Each set is scored on the extent its own " +
      "guidelines give: CoNLL on the name, MEANTIME from the title's start when there is one" +
      (namesAlone['MEANTIME dev'] !== undefined ? ` (on the name alone, MEANTIME PER exact F1 is ${fmt(namesAlone['MEANTIME dev'])})` : '') +
      '. About 5 MEANTIME PER ' +
      'mentions are no names (a job title, a board, a country) and 2 sit inside a titled one. MEANTIME dev lists 4 PER and ' +
      '12 ORG spans twice; each span and type counts once, as a predicted one does (the gold column counts them so). MEANTIME leaves a name used before ' +
      'a noun unannotated ("Apple CEO Steve Jobs", "Airbus jets", "Boeing employees"), where CoNLL and OntoNotes mark the ' +
      'organization; newsflow marks it, as they do, and about half of its unmatched MEANTIME organizations (32 of 59 ' +
      'with no gold mention at all, on 2026-12-07) are such premodifiers.',
  ].join('\n');
  return { task: 'entities', markdown, summary };
}

// The timing child (see timingInChild): prints one JSON line.
if (process.env.NF_ENTITY_TIMING && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { file, limit } = JSON.parse(process.env.NF_ENTITY_TIMING) as { file: string; limit: number | null };
  useEnvSnapshot(); // as an extraction thread does (src/workers/extract-thread.ts)
  process.stdout.write(`${JSON.stringify(timing(readJsonl<Doc>(file).slice(0, limit ?? undefined)))}\n`);
}
