/**
 * The model pass: the learned tagger as a second opinion on the rules' people, which is where the rules fail on news
 * nobody tuned them to (a carmaker, a car model, a bank, a town, a riding, a film or song title, a generic phrase
 * taken for a person).
 *
 * A chunk the rules call a person on weak evidence is the model's to review: the model reads it with three words of
 * context either side (the rules' decisions among its features) and finds its best tag sequence; when it reads the
 * chunk otherwise, and its best reading beats the best reading that keeps the rules' person by `margins.override` or more,
 * the model's spans decide (`rule: 'model'`): PER/ORG spans become mentions, LOC/MISC/O ones do not. Every other
 * decision stands with its rule's name: strong rules (a title before the name, initials, a phrase lexicon, a credit
 * line…; the given-name rule is reviewed, see REVIEWED_STRONG), organizations, sports rules, and anything on a
 * capitals, table or results line.
 * why only people: measured on held-back documents and on the dev sets, letting the model also relabel the rules'
 * organizations and places, or add names no rule saw, lost more than it gained (national teams, firms read as people);
 * the model learned from Wikipedia, Wikinews, tweets and filings, the rules from news, so where they disagree the
 * model wins only when it is clearly surer (the margin is calibrated on documents it never saw).
 */
import type { Labeled } from './doc-pass.js';
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
  const stats = new Map<number, { n: number; lower: number; figures: number }>();
  for (const t of toks) {
    const s = stats.get(t.line) ?? { n: 0, lower: 0, figures: 0 };
    s.n++;
    const c = t.text.charCodeAt(0);
    if (c >= 97 && c <= 122) s.lower++;
    else if (c >= 48 && c <= 57) s.figures++;
    stats.set(t.line, s);
  }
  return new Set([...stats].filter(([, s]) => s.figures >= 1 && s.lower <= 2 && s.n <= 16).map(([line]) => line));
}

/**
 * Strong rules the model still reviews. why 'first-name': the given-name list (data/lexicons) holds rare names that
 * are also carmakers, towns and ridings ("Chrysler Voyager", "Burnaby South"); measured on held-back documents and
 * the dev sets, letting the model review these gained on each
 */
const REVIEWED_STRONG = new Set(['first-name']);

/**
 * Rules that read the document, not the sentence: "Jobs" after "Steve Jobs" is his surname. why: the model reads three
 * words either side and cannot see the full name two paragraphs up; its window wrongly unmade such people
 */
const DOC_RULES = new Set(['doc-person']);

/** The rules' decision stands whatever the model says: all but weak people outside sports, capitals, tables and results. */
const ruleStands = (toks: ETok[], l: Labeled, results: Set<number>) =>
  l.d.label !== 'PER' ||
  (l.d.strong && !REVIEWED_STRONG.has(l.d.rule)) ||
  DOC_RULES.has(l.d.rule) ||
  SPORTS_RULES.has(l.d.rule) ||
  toks[l.first]!.capsLine ||
  toks[l.first]!.tableLine ||
  results.has(toks[l.first]!.line);

/** Words of context either side of a reviewed chunk. */
const WINDOW = 3;

/** The model's review of chunks inside tokens [a, b): each keeps the rule's decision unless the model is surer by the margin. */
function review(model: ModelWeights, toks: ETok[], rules: readonly (RuleView | null)[], a: number, b: number, chunks: readonly Labeled[]): LabeledMention[] {
  const out: LabeledMention[] = [];
  const scores = scoreTokens(model, toks, rules, a, b);
  const best = viterbi(model, scores, 0, b - a);
  const tags = best.tags;
  for (const l of chunks) {
    const want = ruleTags(l);
    const agrees = want.every((t, k) => tags[l.first - a + k] === t);
    if (!agrees) {
      const forced = new Uint8Array(b - a).fill(FREE);
      forced.set(want, l.first - a);
      if (best.score - viterbi(model, scores, 0, b - a, forced).score >= model.margins.override) {
        for (const s of spansOf(tags.subarray(l.first - a, l.last - a + 1))) {
          if (s.type === 'PER' || s.type === 'ORG') out.push({ first: l.first + s.first, last: l.first + s.last, label: s.type, kind: null, rule: 'model' });
        }
        continue;
      }
    }
    out.push(...mention(l));
  }
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
    const open = chunks.map((l) => !(ruleStands(toks, l, results) || l.last >= to || l.first < from));
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
    let w = 0;
    while (w < reviewed.length) {
      const a = Math.max(from, reviewed[w]!.first - WINDOW);
      let last = w;
      while (last + 1 < reviewed.length && reviewed[last + 1]!.first - WINDOW <= reviewed[last]!.last + WINDOW) last++;
      const b = Math.min(to, reviewed[last]!.last + WINDOW + 1);
      out.push(...review(model, toks, rules, a, b, reviewed.slice(w, last + 1)));
      w = last + 1;
    }
  }
  return out.sort((a, b) => a.first - b.first);
}
