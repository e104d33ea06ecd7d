/**
 * Genders of the people of one text, for resolving "he" and "she": first-name lists first, then the text's own
 * evidence — an honorific ("Mr. Okafor", "Ms. Lund") or the pronoun that follows a name ("Okafor says he …").
 */
import type { MentionIndex } from './mentions.js';

const HONORIFIC_BEFORE = /\b(?:(Mr|Sir|Lord|Father|Brother|King|Prince)|(Mrs|Ms|Miss|Madam|Dame|Lady|Sister|Queen|Princess))\.?\s+$/u;
const PRONOUN = /\b(?:(he|him|his|himself)|(she|her|hers|herself))\b/iu;

type Gender = 'male' | 'female';

/** Votes for each person (by index, or by mention start for unlisted speakers) from the text around its mentions. */
function votes(idx: Pick<MentionIndex, 'text' | 'mentions' | 'quoted'>): Map<string, { male: number; female: number }> {
  const out = new Map<string, { male: number; female: number }>();
  const add = (key: string, g: Gender, w: number) => {
    const v = out.get(key) ?? { male: 0, female: 0 };
    v[g] += w;
    out.set(key, v);
  };
  const { text, mentions } = idx;
  const inQuote = (pos: number) => idx.quoted.some(([s, e]) => pos >= s && pos < e);
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.ref.type !== 'person') continue;
    const key = m.ref.index >= 0 ? `p${m.ref.index}` : `u${m.start}`;
    const h = HONORIFIC_BEFORE.exec(text.slice(Math.max(0, m.start - 12), m.start));
    if (h) add(key, h[1] ? 'male' : 'female', 3);
    // why: the first personal pronoun after a name, before any other name, in the same or the next sentence,
    // is that person's in most news prose ("Okafor, 50, says he …", "Lund left. She …")
    let j = i + 1;
    while (j < mentions.length && (mentions[j]!.ref.type !== 'person' || mentions[j]!.start < m.end)) j++;
    let limit = Math.min(text.length, m.end + 220, mentions[j]?.start ?? Infinity);
    const stops = [...text.slice(m.end, limit).matchAll(/[.!?]["”’]?\s+/gu)];
    if (stops.length > 1) limit = m.end + (stops[1]!.index ?? 0);
    const window = text.slice(m.end, limit);
    const p = PRONOUN.exec(window);
    if (!p || inQuote(m.end + p.index) || /\n\s*\n/u.test(window.slice(0, p.index))) continue;
    add(key, p[1] ? 'male' : 'female', 1);
  }
  return out;
}

/** The genders of `idx.people`, those the first-name lists left open (unknown or ambiguous) filled in from the text. */
export function inferGenders(idx: Pick<MentionIndex, 'text' | 'mentions' | 'quoted' | 'genders'>): ('male' | 'female' | null)[] {
  const v = votes(idx);
  const decide = (key: string): Gender | null => {
    const x = v.get(key);
    if (!x) return null;
    if (x.male > x.female) return 'male';
    if (x.female > x.male) return 'female';
    return null;
  };
  // why: only listed people: speakers the entity finder missed are learned later, by the walk over the quotes
  return idx.genders.map((g, i) => g ?? decide(`p${i}`));
}
