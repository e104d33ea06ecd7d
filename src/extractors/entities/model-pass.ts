/**
 * The model pass: the learned tagger as a second opinion on the rules' weak decisions, which is where the rules fail
 * on news nobody tuned them to (a carmaker, a car model, a bank, a town, a riding, a film or song title, a generic
 * phrase taken for a person; a firm or a club no rule could type).
 *
 * Three kinds of chunk are the model's to review, each with its own margin (Margins): a person on weak evidence
 * (`override`), an organization on weak evidence (`organizations`), and a name no rule could type (`unknown`). The
 * model reads the chunk with three words of context either side (the rules' decisions among its features) and finds
 * its best tag sequence; when it reads the chunk otherwise, and its best reading beats the best reading that keeps
 * the rules' decision by the kind's margin or more, the model decides (`rule: 'model'`): PER/ORG spans become
 * mentions, LOC/MISC/O ones do not. A person's chunk may be cut into the model's spans; an organization or an untyped
 * name is retyped or dropped whole, never cut. Every other decision stands with its rule's name: strong rules (a title
 * before the name, initials, a phrase lexicon, a legal form, a credit line…; the given-name rule is reviewed, see
 * REVIEWED_STRONG), places and non-names, document and sports rules, and anything on a capitals, table or results line.
 * why margins: the model learned from Wikipedia, Wikinews, tweets and filings, the rules from news, so where they
 * disagree the model wins only when it is clearly surer; each margin is calibrated by cross-fitting on training
 * documents, each scored by a model that never saw it (scripts/train/entities.ts)
 */
import type { Labeled } from './doc-pass.js';
import { isDictionaryWord } from './lexicons.js';
import { scoreTokens, FREE, sentenceRuns, spansOf, TAGS, viterbi, type ModelWeights } from './model.js';
import type { RuleView } from './model-features.js';
import type { LabeledMention } from './records.js';
import { TEAM_RULES } from './sports-report.js';
import type { ETok } from './tokens.js';

/** The rule pass's decision as each token sees it (null outside every chunk). */
export function ruleViews(n: number, labeled: readonly Labeled[]): (RuleView | null)[] {
  const out: (RuleView | null)[] = new Array(n).fill(null);
  for (const l of labeled) {
    for (let k = l.first; k <= l.last; k++) {
      out[k] = { label: l.d.label, rule: l.d.rule, strong: l.d.strong, inside: k > l.first, length: l.last - l.first + 1 };
    }
  }
  return out;
}

const B_PER = TAGS.indexOf('B-PER');
const B_ORG = TAGS.indexOf('B-ORG');

/** The tags the rule's decision gives a chunk's tokens: B-X I-X… for a person or organization, O otherwise. */
function ruleTags(l: Labeled): number[] {
  const b = l.d.label === 'PER' ? B_PER : l.d.label === 'ORG' ? B_ORG : -1;
  return Array.from({ length: l.last - l.first + 1 }, (_, k) => (b < 0 ? 0 : k === 0 ? b : b + 1));
}

const mention = (l: Labeled): LabeledMention[] =>
  l.d.label === 'PER' || l.d.label === 'ORG' ? [{ first: l.first, last: l.last, label: l.d.label, kind: l.d.kind, rule: l.d.rule }] : [];

/**
 * Rules of sports pages (results tables, scorecards, teams named after their towns) that the model does not override.
 * why: none of the training corpora holds results tables or match reports, where "Somerset" or "Lotte" is a team
 */
const SPORTS_RULES = new Set([...TEAM_RULES, 'scorecard']);

/**
 * Short lines with figures and hardly a lower-case word: results and standings ("15. Retief Goosen (South Africa)
 * 195,283", "R. Ponting not out 46"). why: no training corpus holds such lists; the rules were written for them
 */
function resultLines(toks: ETok[]): Set<number> {
  // why arrays by line number, not a map of objects: this runs once per document over every token
  const lines = toks.length ? toks[toks.length - 1]!.line + 1 : 0;
  const n = new Int32Array(lines);
  const lower = new Int32Array(lines);
  const figures = new Int32Array(lines);
  for (const t of toks) {
    n[t.line]!++;
    const c = t.text.charCodeAt(0);
    if (c >= 97 && c <= 122) lower[t.line]!++;
    else if (c >= 48 && c <= 57) figures[t.line]!++;
  }
  const out = new Set<number>();
  for (let line = 0; line < lines; line++) if (figures[line]! >= 1 && lower[line]! <= 2 && n[line]! > 0 && n[line]! <= 16) out.add(line);
  return out;
}

/**
 * Strong rules the model still reviews. why 'first-name': the given-name list (data/lexicons) holds rare names that
 * are also carmakers, towns and ridings ("Chrysler Voyager", "Burnaby South"); measured on held-back documents and
 * the dev sets, letting the model review these gained on each
 */
const REVIEWED_STRONG = new Set(['first-name']);

/**
 * Rules that read the document, not the sentence: "Jobs" after "Steve Jobs" is his surname, "Lakeshore" after
 * "Lakeshore Semiconductor Inc." the firm, "OSCE" after "(OSCE)" its acronym, the names of a list "companies such as X,
 * Y and Z" companies. why: the model reads three words either side and cannot see the full name two paragraphs up; its
 * window wrongly unmade such people and organizations
 */
const DOC_RULES = new Set(['doc-person', 'doc-org', 'acronym-of', 'acronym-for', 'class-list']);

/**
 * The margin the model must beat to change a rule decision, by its kind (see Margins); Infinity where the decision
 * stands whatever the model says: strong decisions, places and non-names, document and sports rules, and anything on
 * a capitals, table or results line.
 */
function marginFor(model: ModelWeights, toks: ETok[], l: Labeled, results: Set<number>): number {
  const t = toks[l.first]!;
  if (DOC_RULES.has(l.d.rule) || SPORTS_RULES.has(l.d.rule) || t.capsLine || t.tableLine || results.has(t.line)) return Infinity;
  if (l.d.label === 'PER') return !l.d.strong || REVIEWED_STRONG.has(l.d.rule) ? model.margins.override : Infinity;
  if (l.d.label === 'ORG') return l.d.strong ? Infinity : model.margins.organizations;
  // why not a lone ordinary word: "Union negotiators", "the Council" refer to a body without naming it
  if (l.first === l.last && isDictionaryWord(t.lower)) return Infinity;
  return l.d.label === 'UNKNOWN' ? model.margins.unknown : Infinity;
}

/** Words of context either side of a reviewed chunk. */
const WINDOW = 3;

/** The best score of a reading of a window of n tokens that gives the chunk at `at` the rule's tags `want`. */
function keepingRule(model: ModelWeights, scores: Float32Array, n: number, want: readonly number[], at: number): number {
  const forced = new Uint8Array(n).fill(FREE);
  forced.set(want, at);
  return viterbi(model, scores, 0, n, forced).score;
}

/** The model's review of chunks inside tokens [a, b): each keeps the rule's decision unless the model is surer by the margin. */
function review(
  model: ModelWeights,
  toks: ETok[],
  rules: readonly (RuleView | null)[],
  a: number,
  b: number,
  chunks: readonly Labeled[],
  margins: readonly number[],
): LabeledMention[] {
  const out: LabeledMention[] = [];
  const scores = scoreTokens(model, toks, rules, a, b);
  const best = viterbi(model, scores, 0, b - a);
  const tags = best.tags;
  chunks.forEach((l, i) => {
    const want = ruleTags(l);
    const agrees = want.every((t, k) => tags[l.first - a + k] === t);
    if (!agrees) {
      // why no new people: the rules find nearly every person a news story names (GGT dev recall above 0.95); a name they
      // did not call a person is rarely one ("Shabaab", "Biblioasis", "Democrats"), and a false person costs the most
      const types = l.d.label === 'PER' ? ['PER', 'ORG'] : ['ORG'];
      const spans = spansOf(tags.subarray(l.first - a, l.last - a + 1)).filter((s) => types.includes(s.type));
      // why: the chunker cuts organizations and untyped names as news writes them ("U.N. Interim Force in Lebanon");
      // the model, which learned other corpora's boundaries, may retype or drop such a name but not cut it
      const whole = l.d.label === 'PER' || spans.length === 0 || (spans.length === 1 && spans[0]!.first === 0 && spans[0]!.last === l.last - l.first);
      if (whole && best.score - keepingRule(model, scores, b - a, want, l.first - a) >= margins[i]!) {
        for (const s of spans) out.push({ first: l.first + s.first, last: l.first + s.last, label: s.type as 'PER' | 'ORG', kind: null, rule: 'model' });
        return;
      }
    }
    out.push(...mention(l));
  });
  return out;
}

/** Mentions from the rules' decisions and the model's second opinion. */
export function modelPass(model: ModelWeights, toks: ETok[], labeled: readonly Labeled[]): LabeledMention[] {
  const out: LabeledMention[] = [];
  const results = resultLines(toks);
  const rules = ruleViews(toks.length, labeled);
  let c = 0;
  for (const [from, to] of sentenceRuns(toks)) {
    let end = c;
    while (end < labeled.length && labeled[end]!.first < to) end++;
    const chunks = labeled.slice(c, end);
    c = end;
    const margins = chunks.map((l) => (l.last >= to || l.first < from ? Infinity : marginFor(model, toks, l, results)));
    const open = margins.map((m) => m !== Infinity);
    // why: the model runs only on sentences it may change (most have no weak person), a third of the cost
    if (!open.some(Boolean)) {
      for (const l of chunks) out.push(...mention(l));
      continue;
    }
    chunks.forEach((l, k) => {
      if (!open[k]) out.push(...mention(l));
    });
    // why windows: the model reads a few words around each chunk it reviews, not the whole sentence (a name's
    // type is decided near it); scoring tokens is most of the model's cost
    const reviewed = chunks.filter((_, k) => open[k]);
    const reviewedMargins = margins.filter((_, k) => open[k]);
    let w = 0;
    while (w < reviewed.length) {
      const a = Math.max(from, reviewed[w]!.first - WINDOW);
      let last = w;
      while (last + 1 < reviewed.length && reviewed[last + 1]!.first - WINDOW <= reviewed[last]!.last + WINDOW) last++;
      const b = Math.min(to, reviewed[last]!.last + WINDOW + 1);
      out.push(...review(model, toks, rules, a, b, reviewed.slice(w, last + 1), reviewedMargins.slice(w, last + 1)));
      w = last + 1;
    }
  }
  return out.sort((a, b) => a.first - b.first);
}
