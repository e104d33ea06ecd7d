/**
 * Mentions → entity records: people merged on surnames ("President Donald Trump" … "Trump" → Donald Trump),
 * organizations merged on their normalized name, canonical names and aliases, organization kinds.
 */
import type { Organization, OrganizationKind, Person, PersonMention, Span } from '../../domain/types.js';
import { COMPANY_WORDS, lexKey } from './lexicons.js';
import type { ETok } from './tokens.js';
import { BUSINESS_CUES, ORG_SUFFIXES } from './words.js';

/** A resolved mention: tokens first..last of the entity tokens, with its label and the rule that decided it. */
export interface LabeledMention {
  first: number;
  last: number;
  label: 'PER' | 'ORG';
  kind: OrganizationKind | null;
  rule: string;
}

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/u;

function span(text: string, toks: ETok[], m: LabeledMention): Span {
  const start = toks[m.first]!.start;
  let end = toks[m.last]!.end;
  // why: an abbreviation's full stop belongs to the name ("Co.", "Inc."), even when it also ends the sentence
  if (toks[m.last]!.dotted && text[end] === '.') end += 1;
  // why: a zero-width space or joiner pasted after a name ("Traeger\u200b said") is no part of it
  while (end > start && ZERO_WIDTH.test(text[end - 1]!)) end--;
  return { start, end, text: text.slice(start, end) };
}

const words = (s: string) => s.split(/\s+/u).filter(Boolean);
const initialOf = (a: string, b: string) => a.replace(/\.$/u, '').length === 1 && b.startsWith(a.replace(/\.$/u, ''));

interface Group<T> {
  spans: Span[];
  texts: Map<string, number>;
  /** The rule (or 'model') that decided each span, by span start. */
  rules: Map<number, string>;
  extra: T;
}

function finish<T>(g: Group<T>): { name: string; rule: string; mentions: Span[]; aliases: string[] } {
  // why: the canonical name is the fullest form used (most words, then most frequent, then first seen)
  const name = [...g.texts.entries()].sort((a, b) => words(b[0]).length - words(a[0]).length || b[1] - a[1])[0]![0];
  const mentions = [...g.spans].sort((a, b) => a.start - b.start);
  // why: the entity's provenance is the decision about its first mention written in full
  const canonical = mentions.find((m) => m.text === name) ?? mentions[0]!;
  return { name, rule: g.rules.get(canonical.start) ?? 'none', mentions, aliases: [...g.texts.keys()].filter((t) => t !== name) };
}

/** Build people from PER mentions (in text order). */
export function buildPeople(text: string, toks: ETok[], mentions: LabeledMention[]): Person[] {
  const groups: (Group<null> & { first: string; last: string })[] = [];
  const ordered = [...mentions].sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  for (const m of ordered) {
    const s = span(text, toks, m);
    const w = words(s.text.replace(/\.$/u, ''));
    const first = w[0]!.toLowerCase();
    const last = w[w.length - 1]!.toLowerCase();
    let g = groups.find((x) => x.last === last && (w.length === 1 || x.first === first || initialOf(first, x.first) || initialOf(x.first, first)));
    if (!g && w.length === 1) g = groups.find((x) => x.first === first);
    if (!g) {
      g = { spans: [], texts: new Map(), rules: new Map(), extra: null, first, last };
      groups.push(g);
    }
    g.spans.push(s);
    g.rules.set(s.start, m.rule);
    g.texts.set(s.text, (g.texts.get(s.text) ?? 0) + 1);
  }
  return groups.map((g) => {
    const p = finish(g);
    const mentions: PersonMention[] = p.mentions.map((m) => {
      const titleStart = titleStartOf(text, m);
      return titleStart === m.start ? m : { ...m, titleStart };
    });
    const titled = mentions.find((m) => m.titleStart !== undefined);
    const title = titled ? text.slice(titled.titleStart, titled.start - 1) : null;
    return { ...p, mentions, ...(title ? { title } : {}), kind: 'person' as const };
  });
}

// Titles and honorifics written with a capital right before a name; modifiers only count before one of them
const HEAD_TITLES = new Set(
  (
    'mr mrs ms miss dr prof professor sir dame lord lady president premier chancellor senator sen rep representative gov governor ' +
    'mayor judge justice king queen prince princess pope sheikh general gen colonel col lieutenant lt captain capt ' +
    'commander cmdr sergeant sgt admiral adm major maj reverend rev father bishop archbishop cardinal rabbi imam ' +
    'ayatollah minister secretary ambassador chairman chairwoman chairperson commissioner inspector detective ' +
    'superintendent congressman congresswoman councilman councilwoman councillor councilor alderman selectman ' +
    'selectwoman spokesman spokeswoman spokesperson coach'
  ).split(' '),
);
// why "presiding", "acting", "associate", "assistant": formal titles of courts and offices ("Presiding Judge", "Acting
// President", "Associate Justice", "Assistant Secretary")
const TITLE_MODIFIERS = new Set(
  'vice prime deputy acting assistant associate presiding chief foreign defence defense finance interior state home trade attorney lord'.split(' '),
);

/**
 * Where the capitalized title written right before a person's name begins ("Senator" for "Senator Jane Doe", "Prime
 * Minister" for "Prime Minister Ann Berg", "Mr." for "Mr. Hale"); the name's own start when there is none.
 * why not in the mention's span: a mention is the name (the convention of CoNLL, OntoNotes and the taggers built on
 * them); the title's start is the mention's `titleStart`, its words the person's `title`
 */
function titleStartOf(text: string, m: Span): number {
  let start = m.start;
  let head = false;
  for (let n = 0; n < 3; n++) {
    const before = /(?:^|[\s([“"‘'])(\p{Lu}[\p{L}-]*\.?) $/u.exec(text.slice(Math.max(0, start - 30), start));
    if (!before) break;
    const word = before[1]!.toLowerCase().replace(/\.$/u, '');
    const ok = head ? TITLE_MODIFIERS.has(word) || HEAD_TITLES.has(word) : HEAD_TITLES.has(word);
    if (!ok) break;
    head = true;
    start -= before[1]!.length + 1;
  }
  return start;
}

// why: "Microsoft Corp", "Microsoft" and "MICROSOFT" are one company: case, a leading "the" and legal suffixes do not count
const LEGAL = /(\s+|^)(inc|incorporated|corp|corporation|co|ltd|limited|llc|plc|ag|sa|nv|gmbh)$/u;
const orgKey = (s: string) => {
  const k = lexKey(s)
    .replace(/^the\s+/u, '')
    .replace(/,/gu, '');
  const short = k.replace(LEGAL, '').trim();
  return short || k;
};

type OrgGroup = Group<{ kinds: OrganizationKind[]; business: boolean }>;

function mergeInto(into: OrgGroup, from: OrgGroup): void {
  into.spans.push(...from.spans);
  for (const [start, rule] of from.rules) into.rules.set(start, rule);
  for (const [t, n] of from.texts) into.texts.set(t, (into.texts.get(t) ?? 0) + n);
  into.extra.kinds.push(...from.extra.kinds);
  into.extra.business ||= from.extra.business;
}

/**
 * Fold a short form into the one company whose full name it starts ("Lakeshore" into "Lakeshore Semiconductor Inc."),
 * or a head word or nickname into the one organization whose name ends with it.
 * why: news names a company in full once, then by its first words; only a name ending in a company suffix lends them.
 */
function mergeShortForms(groups: Map<string, OrgGroup>): void {
  for (const short of [...groups.keys()]) {
    if (!groups.has(short)) continue;
    const longer = [...groups.keys()].filter(
      (k) =>
        k.startsWith(`${short} `) &&
        ([...groups.get(k)!.texts.keys()].some((t) => ORG_SUFFIXES.get(lexKey(t).split(' ').pop() ?? '') === 'company') ||
          (!short.includes(' ') && k.split(' ').length === 2 && groups.get(k)!.extra.kinds.includes('company'))),
    );
    // why: "the Council" for "Carver City Council", "the Herons" for "Port Carver Herons": a head word or a team's
    // nickname names the one organization of the document that ends with it
    const head = !short.includes(' ') && (ORG_SUFFIXES.has(short) || /s$/u.test(short));
    const ending = head ? [...groups.keys()].filter((k) => k !== short && k.endsWith(` ${short}`)) : [];
    const target = longer.length === 1 ? longer[0]! : longer.length === 0 && ending.length === 1 ? ending[0]! : null;
    if (!target) continue;
    mergeInto(groups.get(target)!, groups.get(short)!);
    groups.delete(short);
  }
}

/** Build organizations from ORG mentions; the kind comes from the deciding rules, then from business cues nearby. */
export function buildOrganizations(text: string, toks: ETok[], mentions: LabeledMention[], acronyms: ReadonlyMap<string, string> = new Map()): Organization[] {
  const groups = new Map<string, Group<{ kinds: OrganizationKind[]; business: boolean }>>();
  for (const m of mentions) {
    const s = span(text, toks, m);
    const key = orgKey(s.text);
    let g = groups.get(key);
    if (!g) {
      g = { spans: [], texts: new Map(), rules: new Map(), extra: { kinds: [], business: false } };
      groups.set(key, g);
    }
    g.spans.push(s);
    g.rules.set(s.start, m.rule);
    g.texts.set(s.text, (g.texts.get(s.text) ?? 0) + 1);
    if (m.kind) g.extra.kinds.push(m.kind);
    for (let k = Math.max(0, m.first - 3); k <= Math.min(toks.length - 1, m.last + 3); k++) {
      if (BUSINESS_CUES.has(toks[k]!.lower) || (k >= m.first && k <= m.last && COMPANY_WORDS.has(toks[k]!.lower))) g.extra.business = true;
    }
  }
  mergeShortForms(groups);
  // why: "Carver Valley Transit (CVT)": the acronym defined in brackets is the same organization
  for (const [acronym, full] of acronyms) {
    const from = groups.get(orgKey(acronym));
    const into = groups.get(orgKey(full));
    if (!from || !into || from === into) continue;
    mergeInto(into, from);
    groups.delete(orgKey(acronym));
  }
  return [...groups.values()].map((g) => {
    const kinds = g.extra.kinds;
    // why: a kind a rule gave ("University" → other) outweighs business words nearby; the name's last word comes next
    const key = lexKey(finish(g).name);
    // why: a one-word name the company dictionary lists ("Nvidia") is a company when no rule said otherwise
    const suffix = ORG_SUFFIXES.get(key.split(' ').pop() ?? '') ?? (COMPANY_WORDS.has(key) ? 'company' : undefined);
    const kind: OrganizationKind =
      (['media', 'government', 'company', 'other'] as const).find((k) => kinds.includes(k)) ?? suffix ?? (g.extra.business ? 'company' : 'other');
    return { ...finish(g), kind };
  });
}
