/**
 * People and organizations in a parsed text, with offsets, canonical names and merged aliases.
 * Pipeline: entity tokens → candidate chunks → ordered classification rules → document-level propagation
 * (surnames, repeated names, capitals headlines) → merged records.
 */
import type { ExtractContext, Organization, Person } from '../../domain/types.js';
import type { ParsedText } from '../nlp.js';
import { findChunks, isRegnalNumber } from './chunks.js';
import { classListsPass } from './class-lists.js';
import { contextPass } from './context.js';
import { classify, type Decision } from './classify.js';
import { applyRevisions, type DocInput, type DocOutput, type DocPass, draft, type Labeled, listRuns, type Revision, revisionsOf } from './doc-pass.js';
import { ANY_FIRST_NAME, GOVERNMENT, isCommonWord, isDictionaryWord, lexiconTags, lexKey, MEDIA } from './lexicons.js';

const PLACE_TAGS = new Set(['Place', 'Country', 'City', 'Region', 'Demonym']);
import { buildOrganizations, buildPeople, type LabeledMention } from './records.js';
import { teamsPass } from './sports.js';
import { entityTokens, type ETok } from './tokens.js';
import { LOCATIVES, ORG_SUFFIXES } from './words.js';
import { MODEL, type ModelWeights } from './model.js';
import { modelPass } from './model-pass.js';
import { furnitureRanges, onlyInFurniture } from './furniture.js';
import { TEAM_RULES } from './sports-report.js';
import { datelineTokens } from './surroundings.js';

export interface NamedEntities {
  people: Person[];
  organizations: Organization[];
}

export type { Labeled, Revision } from './doc-pass.js';

const textOf = (toks: ETok[], first: number, last: number) =>
  toks
    .slice(first, last + 1)
    .map((t) => t.lower)
    .join(' ');

/** What the rule passes decided: labeled chunks (text order), the acronyms defined in brackets, every revision made. */
export interface RuleDecisions {
  labeled: Labeled[];
  acronyms: Map<string, string>;
  /** The document passes' revisions in the order they were made (the trace of a decision's final rule). */
  revisions: Revision[];
}

/** The document passes, in the order they run: each reads what the ones before it decided. */
export const DOC_PASSES: readonly DocPass[] = [
  // why first: a sports report's town is a team, and every later pass should see it as one
  { name: 'teams', run: teamsPass },
  // why before consistency: a list's class noun states its names' type, which their other mentions then take
  { name: 'class-lists', run: classListsPass },
  { name: 'consistency', run: consistencyPass },
  { name: 'acronyms', run: acronymsPass },
  // why after consistency: only words still unknown once the document has spoken are read from their sentence
  { name: 'context', run: contextPass },
  { name: 'lists', run: listsPass },
];

/** The rule passes: chunks → ordered classification rules → the document passes in DOC_PASSES order. */
export function ruleDecisions(text: string, toks: ETok[]): RuleDecisions {
  let labeled: Labeled[] = findChunks(toks).map((c) => ({
    first: c.first,
    last: c.last,
    d: classify({
      toks,
      words: toks.slice(c.first, c.last + 1),
      prev: toks[c.first - 1] ?? null,
      next: toks[c.last + 1] ?? null,
      lexicon: c.lexicon,
    }),
  }));
  const acronyms = new Map<string, string>();
  const revisions: Revision[] = [];
  for (const pass of DOC_PASSES) {
    const out = pass.run({ text, toks, chunks: labeled });
    for (const [k, v] of out.acronyms ?? []) acronyms.set(k, v);
    revisions.push(...out.revisions);
    labeled = applyRevisions(labeled, out.revisions);
  }
  return { labeled, acronyms, revisions };
}

/** Find people and organizations in the shared parse. Pure: same input, same output. */
export function findEntities(parsed: ParsedText, _ctx: ExtractContext = {}): NamedEntities {
  return findEntitiesWith(parsed, MODEL);
}

/**
 * The entity pass with a given model (null: the rules alone). Training scores its held-back documents with this.
 * The rules decide first; the model, which reads their decisions as features, then proposes the spans and types
 * (modelPass); titles, canonical names, merging and kinds stay with the rules (records.ts).
 */
export function findEntitiesWith(parsed: ParsedText, model: ModelWeights | null): NamedEntities {
  const toks = entityTokens(parsed);
  const { labeled, acronyms } = ruleDecisions(parsed.text, toks);
  const mentions: LabeledMention[] = model
    ? modelPass(model, toks, labeled)
    : labeled
        .filter((l) => l.d.label === 'PER' || l.d.label === 'ORG')
        .map((l) => ({ first: l.first, last: l.last, label: l.d.label as 'PER' | 'ORG', kind: l.d.kind, rule: l.d.rule }));
  const covered = new Uint8Array(toks.length);
  for (const l of labeled) covered.fill(1, l.first, l.last + 1);
  for (const m of mentions) covered.fill(1, m.first, m.last + 1);
  mentions.push(...knownNameMentions(toks, mentions, covered));
  const furniture = furnitureRanges(parsed.text);
  return {
    // why: a person named only in a caption, a credit or a teaser is page furniture, not a person in the story
    people: buildPeople(
      parsed.text,
      toks,
      mentions.filter((m) => m.label === 'PER'),
    ).filter((p) => !onlyInFurniture(p.mentions, furniture)),
    organizations: buildOrganizations(
      parsed.text,
      toks,
      mentions.filter((m) => m.label === 'ORG'),
      acronyms,
    ),
  };
}

/** The consistency pass: a surname of a named person is that person; a name seen as an organization stays one. */
function consistencyPass({ toks, chunks }: DocInput): DocOutput {
  const labeled = draft(chunks);
  propagate(toks, labeled);
  return { revisions: revisionsOf('consistency', chunks, labeled) };
}

function propagate(toks: ETok[], labeled: Labeled[]): void {
  const surnames = new Set<string>();
  const weakSurnames = new Set<string>();
  const aloneFirst = new Set<string>();
  const givenNames = new Set<string>();
  const orgs = new Map<string, Decision>();
  const weakOrgs = new Map<string, Decision>();
  for (const l of labeled) {
    // why: only confident full names lend their surname; an acronym is never a surname
    // why: a scorecard names a player by surname alone; his other mentions (bowling figures) follow
    if (l.d.rule === 'scorecard') surnames.add(textOf(toks, l.first, l.last));
    // why: sports and features call people by a given name alone ("Tomasz said"); only unknown words take it
    if (l.d.label === 'PER' && l.last > l.first && !toks[l.first]!.dotted) givenNames.add(toks[l.first]!.lower);
    // why: "Jesper Parnevik … Parnevik said": a pair read as a person on weak evidence lends its surname only to words
    // nothing else decided, and only when the word never stands alone before the pair: news names a person in full
    // first (a language or a place named alone first, then in a pair, is no surname)
    if (l.d.label === 'UNKNOWN' && l.first === l.last && !aloneFirst.has(toks[l.first]!.lower)) aloneFirst.add(toks[l.first]!.lower);
    // why not after an article: people's names take none ("the Gújjolaay Eegimaa" is a language)
    const article = /^(the|a|an)$/u.test(toks[l.first - 1]?.lower ?? '');
    if (l.d.label === 'PER' && l.d.rule === 'unknown-pair' && l.last === l.first + 1 && !article && !toks[l.last]!.upper && toks[l.last]!.cap) {
      const w = toks[l.last]!.lower;
      if (!aloneFirst.has(w)) weakSurnames.add(w);
    }
    if (l.d.label === 'PER' && l.last > l.first && (l.d.strong || l.d.rule === 'compromise-person') && !toks[l.last]!.upper && toks[l.last]!.cap) {
      // why: "Elizabeth I", "Henry VIII": a regnal number is no surname
      if (!isRegnalNumber(toks[l.last]!.text)) surnames.add(toks[l.last]!.lower);
      surnames.add(textOf(toks, l.first, l.last));
      // why: "Bashar al-Assad" … "al-Assad": a surname with the Arabic article keeps it
      if (l.last - 1 > l.first && /^(al|el)$/u.test(toks[l.last - 1]!.text)) surnames.add(textOf(toks, l.last - 1, l.last));
    }
    if (l.d.label === 'ORG' && l.d.strong) {
      orgs.set(textOf(toks, l.first, l.last), l.d);
      for (const short of shortNames(toks, l.first, l.last)) if (!orgs.has(short)) orgs.set(short, l.d);
    } else if (l.d.label === 'ORG') weakOrgs.set(textOf(toks, l.first, l.last), l.d);
    // why: "Northrop Grumman" … "Northrop": a two-word company goes by its first word when that word is no common word
    if (l.d.label === 'ORG' && l.d.kind === 'company' && l.last === l.first + 1 && distinctive(toks[l.first]!)) {
      if (!weakOrgs.has(toks[l.first]!.lower)) weakOrgs.set(toks[l.first]!.lower, l.d);
    }
  }
  for (const l of labeled) {
    const key = textOf(toks, l.first, l.last);
    // why: "Tarvex Motors … the new Tarvex Corsa": a name opening with a company the document names is its product
    const maker = l.last > l.first ? (orgs.get(toks[l.first]!.lower) ?? weakOrgs.get(toks[l.first]!.lower)) : undefined;
    if (l.d.label === 'PER' && (!l.d.strong || l.d.rule === 'first-name') && maker?.kind === 'company' && !orgs.has(key)) {
      l.d = { label: 'NONE', kind: null, rule: 'maker-product', strong: false };
      continue;
    }
    // why: a context rule's organization ("X jets", "X Inc.") outweighs the tagger's guess that a name is a person's
    if (l.d.rule === 'compromise-person' && orgs.has(key) && orgs.get(key)!.rule !== 'compromise-org') {
      l.d = { ...orgs.get(key)!, rule: 'doc-org', strong: false };
      continue;
    }
    if (l.d.strong) continue;
    // why not a dictionary word that is no given name: "the Commons" after a "Commons Speaker" is the house
    if (l.d.label === 'UNKNOWN' && l.first === l.last && givenNames.has(key) && !orgs.has(key) && (ANY_FIRST_NAME.has(key) || !isDictionaryWord(key)))
      l.d = { label: 'PER', kind: null, rule: 'doc-given-name', strong: false };
    else if (surnames.has(key) && !orgs.has(key)) l.d = { label: 'PER', kind: null, rule: 'doc-person', strong: false };
    else if (l.d.label === 'UNKNOWN' && l.first === l.last && weakSurnames.has(key) && !orgs.has(key) && !weakOrgs.has(key) && !isDictionaryWord(key))
      l.d = { label: 'PER', kind: null, rule: 'doc-surname', strong: false };
    else if (orgs.has(key)) l.d = { ...orgs.get(key)!, rule: 'doc-org', strong: false };
    // why: a name the document already treats as an organization stays one where nothing else is known about it
    else if (l.d.label === 'UNKNOWN' && weakOrgs.has(key)) l.d = { ...weakOrgs.get(key)!, rule: 'doc-org', strong: false };
  }
}

const SMALL_WORDS = new Set(['of', 'and', 'for', 'the', 'in', 'on', '&', 'de']);

/**
 * "Carver Valley Transit (CVT)": an acronym in brackets right after a name is that name; the one whose label is
 * surer lends it to the other ("Tidal Flow Index (TFI)" is no organization, so neither is TFI). Organizations'
 * acronyms are recorded (lower case → the name, lower case) so the records merge them.
 */
function acronymsPass({ toks, chunks }: DocInput): DocOutput {
  const labeled = draft(chunks);
  const acronyms = new Map<string, string>();
  matchAcronyms(toks, labeled, acronyms);
  return { revisions: revisionsOf('acronyms', chunks, labeled), acronyms };
}

function matchAcronyms(toks: ETok[], labeled: Labeled[], acronyms: Map<string, string>): void {
  for (let k = 1; k < labeled.length; k++) {
    const a = labeled[k]!;
    const full = labeled[k - 1]!;
    const t = toks[a.first]!;
    if (a.first !== a.last || !t.upper || full.last !== a.first - 1 || !/\(\s*$/u.test(t.gap) || toks[full.last]!.line !== t.line) continue;
    const initials = toks
      .slice(full.first, full.last + 1)
      .filter((w) => !SMALL_WORDS.has(w.lower))
      .map((w) => w.text[0])
      .join('')
      .toUpperCase();
    if (initials.length < 2 || initials !== t.text.replace(/[^\p{L}]/gu, '').toUpperCase()) continue;
    const known = (l: Labeled) => l.d.label === 'PER' || l.d.label === 'ORG' || l.d.strong;
    if (known(full) && !(a.d.strong && a.d.label === 'ORG')) {
      a.d = { ...full.d, rule: 'acronym-of', strong: false };
      if (full.d.label === 'ORG') acronyms.set(t.text.toLowerCase(), textOf(toks, full.first, full.last));
    } else if (!known(full) && a.d.label === 'ORG') full.d = { ...a.d, rule: 'acronym-for', strong: false };
    else if (!known(full) && !a.d.strong) a.d = { label: 'NONE', kind: null, rule: 'acronym-of', strong: false };
  }
}

/** Unknown names listed with people are people ("Hale, Morel, Okafor and Pryor"); a list as listRuns reads it. */
function listsPass({ toks, chunks }: DocInput): DocOutput {
  const labeled = draft(chunks);
  listedPeople(toks, labeled);
  return { revisions: revisionsOf('lists', chunks, labeled) };
}

function listedPeople(toks: ETok[], labeled: Labeled[]): void {
  for (const run of listRuns(toks, labeled)) {
    if (!run.some((l) => l.d.label === 'PER')) continue;
    for (const l of run) if (l.d.label === 'UNKNOWN') l.d = { label: 'PER', kind: null, rule: 'person-list', strong: false };
  }
}

/**
 * Short forms of a company's name: its leading words without the corporate and industry words at the end
 * ("Lakeshore Semiconductor Inc." → "lakeshore semiconductor", "lakeshore"), unless what is left is a common word
 * or a place ("General Motors" lends no "general").
 */
const distinctive = (t: ETok) => t.cap && !t.upper && !isCommonWord(t.lower) && lexiconTags(t.lower).length === 0 && !t.tags.has('Person');

function shortNames(toks: ETok[], first: number, last: number): string[] {
  const out: string[] = [];
  let end = last;
  if (ORG_SUFFIXES.get(lexKey(toks[end]!.text)) !== 'company') return out;
  while (end > first && ORG_SUFFIXES.get(lexKey(toks[end]!.text)) === 'company') {
    end--;
    const w = toks.slice(first, end + 1);
    if (w.some((t) => !t.cap) || (w.length === 1 && (isCommonWord(w[0]!.lower) || lexiconTags(w[0]!.lower).some((t) => PLACE_TAGS.has(t))))) break;
    out.push(textOf(toks, first, end));
  }
  return out;
}

/**
 * The document's own names where the chunker could not see them: in capitals lines (headlines, case-insensitive, plus
 * lexicon phrases) and as capitalized words it skipped ("Hale resigned", a surname read as a plural at a sentence start).
 */
function knownNameMentions(toks: ETok[], mentions: LabeledMention[], covered: Uint8Array): LabeledMention[] {
  const known = new Map<string, LabeledMention>();
  for (const m of mentions) {
    known.set(textOf(toks, m.first, m.last), m);
    // why cap: "Moon Jae-in" ends in a syllable, no surname
    if (m.label === 'PER' && m.last > m.first && toks[m.last]!.cap && !isRegnalNumber(toks[m.last]!.text)) known.set(toks[m.last]!.lower, m);
    // why: headlines drop corporate suffixes ("MICROSOFT SAYS…" for "Microsoft Corp")
    if (m.label === 'ORG' && m.last > m.first && ORG_SUFFIXES.get(toks[m.last]!.lower) === 'company') {
      const short = textOf(toks, m.first, m.last - 1);
      if (!known.has(short)) known.set(short, m);
    }
  }
  const out: LabeledMention[] = [];
  const dateline = datelineTokens(toks);
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    const skipped = !t.capsLine && t.cap && !covered[i];
    if (!(t.capsLine || skipped) || !/\p{L}/u.test(t.text) || dateline[i]) {
      i++;
      continue;
    }
    let hit: LabeledMention | null = null;
    for (let j = Math.min(toks.length - 1, i + 5); j >= i && !hit; j--) {
      if (toks[j]!.line !== t.line) continue;
      if (skipped && (covered[j] || !toks[j]!.cap)) continue;
      const key = textOf(toks, i, j);
      const m = known.get(key);
      if (skipped) {
        if (m) hit = { ...m, first: i, last: j, rule: 'doc-known' };
        continue;
      }
      const lex = lexKey(
        toks
          .slice(i, j + 1)
          .map((t) => t.text)
          .join(' '),
      );
      // why: in capitals, a one-word outlet that is also a word ("TIME", "SUN") is most often the word
      const wordLike = i === j && (isCommonWord(lex) || lexiconTags(lex).length > 0);
      // why: "KANSAS CITY AT DETROIT", "IN SEATTLE": after a place preposition a town the document knows as a team is the town
      if (m && !(TEAM_RULES.has(m.rule ?? '') && LOCATIVES.has(toks[i - 1]?.lower ?? ''))) hit = { ...m, first: i, last: j, rule: 'caps-known' };
      else if (MEDIA.has(lex) && lex.length > 3 && !wordLike) hit = { first: i, last: j, label: 'ORG', kind: 'media', rule: 'caps-lexicon' };
      else if (GOVERNMENT.has(lex) && lex.length > 3 && !wordLike) hit = { first: i, last: j, label: 'ORG', kind: 'government', rule: 'caps-lexicon' };
    }
    if (hit) {
      out.push(hit);
      i = hit.last + 1;
    } else i++;
  }
  return out;
}
