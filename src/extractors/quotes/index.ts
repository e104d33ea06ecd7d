/**
 * Quotes and who said them. First version: text between curly or straight double quotes,
 * speaker from "X said" / "said X" next to it.
 */
import type { ExtractContext, Organization, Person, Quote, Speaker } from '../../domain/types.js';
import type { ParsedText } from '../nlp.js';

export interface QuoteContext extends ExtractContext {
  people: Person[];
  organizations: Organization[];
}

const QUOTE_RE = /[“"]([^“”"]{2,}?)[”"]/gu;
const CUE_RE = /\b(said|says|wrote|told|added|according to)\b/u;

function speakerNear(parsed: ParsedText, end: number, ctx: QuoteContext): Speaker | null {
  const window = parsed.text.slice(end, end + 120);
  const cue = CUE_RE.exec(window);
  if (!cue) return null;
  const candidates = [
    ...ctx.people.map((p, index) => ({ e: p, ref: { type: 'person' as const, index } })),
    ...ctx.organizations.map((o, index) => ({ e: o, ref: { type: 'organization' as const, index } })),
  ];
  for (const c of candidates) {
    const m = c.e.mentions.find((s) => s.start >= end && s.start < end + 120);
    if (m) return { name: c.e.name, entity: c.ref, mention: m };
  }
  return null;
}

/** Find quotes. Never throws, whatever the quote marks. */
export function findQuotes(parsed: ParsedText, ctx: QuoteContext): Quote[] {
  const quotes: Quote[] = [];
  for (const m of parsed.text.matchAll(QUOTE_RE)) {
    const inner = m[1] ?? '';
    const start = (m.index ?? 0) + 1;
    const end = start + inner.length;
    const words = inner.trim().split(/\s+/u).length;
    quotes.push({
      start,
      end,
      text: inner,
      kind: words >= 8 ? 'direct' : 'partial',
      speaker: words >= 8 ? speakerNear(parsed, end + 1, ctx) : null,
      cue: null,
    });
  }
  return quotes;
}
