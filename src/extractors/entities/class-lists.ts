/**
 * Lists that say what their names are (Hearst's patterns, a convention of the field since 1992): "companies including
 * Colgate, Reckitt Benckiser and Pernod Ricard", "such countries as Haiti and Peru", "Hale, Okafor and other
 * players". The class noun types every name of the list: firms are organizations, countries and towns are places,
 * players and ministers are people. why strong: the text states the type; the consistency pass then carries it to
 * the name's other mentions
 */
import type { OrganizationKind } from '../../domain/types.js';
import { draft, type DocInput, type DocOutput, type Labeled, revisionsOf } from './doc-pass.js';
import type { Decision } from './rule.js';
import type { ETok } from './tokens.js';

type ClassOf = { label: 'ORG'; kind: OrganizationKind } | { label: 'PER' } | { label: 'NONE' };

const words = (s: string) => s.split(' ');

/** Plural class nouns and what they make of the names they introduce. */
const CLASS_NOUNS: ReadonlyMap<string, ClassOf> = new Map<string, ClassOf>([
  ...words(
    'companies firms corporations businesses banks lenders insurers carmakers automakers manufacturers makers ' +
      'retailers chains airlines brands conglomerates startups suppliers providers operators developers miners ' +
      'brewers distillers drugmakers',
  ).map((w) => [w, { label: 'ORG', kind: 'company' }] as const),
  ...words('broadcasters newspapers outlets publishers networks magazines tabloids').map((w) => [w, { label: 'ORG', kind: 'media' }] as const),
  ...words('agencies ministries departments parties regulators governments').map((w) => [w, { label: 'ORG', kind: 'government' }] as const),
  ...words('organizations organisations groups charities unions universities colleges clubs teams institutions foundations').map(
    (w) => [w, { label: 'ORG', kind: 'other' }] as const,
  ),
  ...words(
    'people players actors actresses artists singers musicians rappers leaders politicians lawmakers ministers executives ' +
      'officials candidates athletes writers authors directors celebrities journalists',
  ).map((w) => [w, { label: 'PER' }] as const),
  ...words('countries nations cities towns provinces states regions villages municipalities capitals').map((w) => [w, { label: 'NONE' }] as const),
]);

/** Whether two chunks are neighbours in a list: a comma, or "and"/"or", between them on one line. */
function joined(toks: ETok[], a: Labeled, b: Labeled): boolean {
  if (b.first <= a.last || toks[a.last]!.line !== toks[b.first]!.line || toks[a.last]!.possessive) return false;
  const between = b.first - a.last - 1;
  if (between === 0) return /^,\s*$/u.test(toks[b.first]!.gap);
  const word = toks[a.last + 1]!.lower;
  return between === 1 && (word === 'and' || word === 'or') && !/,\s*$/u.test(toks[a.last + 1]!.gap);
}

/** The class a list's cue before it names: "companies including", "firms such as", "such countries as", "banks like". */
function classBefore(toks: ETok[], first: number): ClassOf | null {
  const at = (k: number) => toks[k]?.lower ?? '';
  const sameLine = (k: number) => k >= 0 && toks[k]!.line === toks[first]!.line;
  let cue = first - 1;
  if (!sameLine(cue)) return null;
  if (at(cue) === 'including' || at(cue) === 'like') cue--;
  else if (at(cue) === 'as' && at(cue - 1) === 'such') cue -= 2;
  else if (at(cue) === 'as' && at(cue - 2) === 'such' && sameLine(cue - 2)) return CLASS_NOUNS.get(at(cue - 1)) ?? null;
  else return null;
  return sameLine(cue) ? (CLASS_NOUNS.get(at(cue)) ?? null) : null;
}

/** The class an "and other …" after a list names: "Hale, Okafor and other players", "or other big banks". */
function classAfter(toks: ETok[], last: number): ClassOf | null {
  const at = (k: number) => toks[k]?.lower ?? '';
  if (!(at(last + 1) === 'and' || at(last + 1) === 'or') || at(last + 2) !== 'other') return null;
  if (toks[last + 3]?.line !== toks[last]!.line) return null;
  return CLASS_NOUNS.get(at(last + 3)) ?? CLASS_NOUNS.get(at(last + 4)) ?? null;
}

const decisionOf = (c: ClassOf): Decision =>
  c.label === 'ORG' ? { label: 'ORG', kind: c.kind, rule: 'class-list', strong: true } : { label: c.label, kind: null, rule: 'class-list', strong: true };

/** What the class-list pass may overrule: anything but a strong rule's decision (the given-name rule is weak evidence here). */
const open = (l: Labeled) => !l.d.strong || l.d.rule === 'first-name';

/** The class-lists pass. */
export function classListsPass({ toks, chunks }: DocInput): DocOutput {
  const work = draft(chunks);
  let k = 0;
  while (k < work.length) {
    let end = k;
    while (end + 1 < work.length && joined(toks, work[end]!, work[end + 1]!)) end++;
    const cls = classBefore(toks, work[k]!.first) ?? (end > k ? classAfter(toks, work[end]!.last) : null);
    if (cls) for (let j = k; j <= end; j++) if (open(work[j]!)) work[j]!.d = decisionOf(cls);
    k = end + 1;
  }
  return { revisions: revisionsOf('class-lists', chunks, work) };
}
