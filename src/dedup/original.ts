/**
 * Which copy of a story is the original: ordered rules over the whole member set (never over arrival order),
 * first rule that decides wins. Pure functions.
 */
import { hostOf, normalizeOutlet, normalizeUrl } from './normalize.js';

/** What the story keeps about each copy (stored by assignStory, read back by getStory). */
export interface CopyMeta {
  articleId: string;
  url: string;
  canonicalUrl: string | null;
  siteName: string | null;
  title: string | null;
  publishedAt: string | null;
  textHash: string | null;
  syndication: { source: string | null; url: string | null; rule: string } | null;
}

export interface OriginalChoice {
  index: number;
  reason: string;
}

type OriginalRule = (copies: readonly CopyMeta[]) => OriginalChoice | null;

const urlKeys = (c: CopyMeta) => [normalizeUrl(c.url), normalizeUrl(c.canonicalUrl)].filter((u): u is string => u !== null);
const outletKeys = (c: CopyMeta) =>
  [normalizeOutlet(c.siteName), normalizeOutlet(hostOf(c.url)?.replace(/\.[a-z]+$/u, '') ?? null)].filter((o): o is string => o !== null);
/** "coastalobserver" ~ "thecoastalobserver" ~ "coastalobserveronline"; short keys must match exactly. */
const sameOutlet = (a: string, b: string) => a === b || (Math.min(a.length, b.length) >= 6 && (a.includes(b) || b.includes(a)));
const sameRawUrl = (a: string, b: string) => a.replace(/^https?:\/\//u, '').replace(/\/$/u, '') === b.replace(/^https?:\/\//u, '').replace(/\/$/u, '');
const time = (c: CopyMeta) => (c.publishedAt ? Date.parse(c.publishedAt) : Number.NaN);

/**
 * The copy most often named by `pointer`; ties go to the copy named exactly (`exact`, e.g. the very URL rather
 * than its AMP twin), then the earliest, then the smallest id; null if none is named.
 */
function mostNamed(
  copies: readonly CopyMeta[],
  pointer: (from: CopyMeta, to: CopyMeta) => boolean,
  reason: string,
  exact: (to: CopyMeta) => boolean = () => false,
): OriginalChoice | null {
  let best: { index: number; votes: number; exact: boolean } | null = null;
  copies.forEach((to, index) => {
    const votes = copies.filter((from) => from !== to && pointer(from, to)).length;
    const ex = exact(to);
    const better = !best || votes > best.votes || (votes === best.votes && (ex !== best.exact ? ex : earlier(to, copies[best.index]!)));
    if (votes > 0 && better) best = { index, votes, exact: ex };
  });
  const b = best as { index: number; votes: number; exact: boolean } | null;
  return b ? { index: b.index, reason: `${reason} (${b.votes} ${b.votes === 1 ? 'copy points' : 'copies point'} to it)` } : null;
}

/** Earlier publication first; undated copies last; then the smaller article id. */
function earlier(a: CopyMeta, b: CopyMeta): boolean {
  const ta = time(a);
  const tb = time(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta < tb;
  if (Number.isNaN(ta) !== Number.isNaN(tb)) return !Number.isNaN(ta);
  return a.articleId < b.articleId;
}

function earliest(copies: readonly CopyMeta[]): number {
  let best = 0;
  copies.forEach((c, i) => {
    if (earlier(c, copies[best]!)) best = i;
  });
  return best;
}

export const ORIGINAL_RULES: readonly { name: string; rule: OriginalRule }[] = [
  {
    // A credit line or a cross-domain canonical links to another member's URL: the strongest evidence.
    name: 'syndication-url',
    rule: (copies) =>
      mostNamed(
        copies,
        (from, to) => {
          const target = normalizeUrl(from.syndication?.url ?? null);
          return target !== null && urlKeys(to).includes(target);
        },
        'syndication-url',
        (to) => copies.some((from) => from.syndication?.url != null && sameRawUrl(from.syndication.url, to.url)),
      ),
  },
  {
    // "Originally appeared on The Daily Ledger", "(Reuters) —": a member published by the named outlet.
    // why: the credited outlet's own copy carries no credit; a copy that credits someone else is never it.
    name: 'syndication-source',
    rule: (copies) =>
      mostNamed(
        copies,
        (from, to) => {
          const src = normalizeOutlet(from.syndication?.source ?? null);
          return src !== null && to.syndication === null && outletKeys(to).some((o) => sameOutlet(o, src));
        },
        'syndication-source',
      ),
  },
  {
    // Members that credit nobody are better candidates than members that credit an outlet outside the story.
    name: 'earliest-uncredited',
    rule: (copies) => {
      const uncredited = copies.map((c, i) => ({ c, i })).filter(({ c }) => c.syndication === null);
      if (uncredited.length === 0 || uncredited.length === copies.length) return null;
      const k = earliest(uncredited.map(({ c }) => c));
      return { index: uncredited[k]!.i, reason: 'earliest-uncredited' };
    },
  },
  { name: 'earliest-published', rule: (copies) => ({ index: earliest(copies), reason: 'earliest-published' }) },
];

/** The original of a story's copies (non-empty) and the rule that chose it. */
export function chooseOriginal(copies: readonly CopyMeta[]): OriginalChoice {
  for (const { rule } of ORIGINAL_RULES) {
    const choice = rule(copies);
    if (choice) return choice;
  }
  return { index: 0, reason: 'only-copy' };
}
