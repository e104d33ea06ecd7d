/**
 * Quotes and who said them: direct quotes (any quotation marks, split, multi-paragraph, floating), partial quotes,
 * indirect speech, each with its speaker (resolved to the entities of the same text) and its cue.
 *
 * Named passes, run in the order of QUOTE_PASSES by `quotePasses`: each takes what the passes before it decided and
 * returns its own decisions under its name; `findQuotes` assembles the quotes from them.
 */
import type { ExtractContext, Organization, Person, Quote } from '../../domain/types.js';
import type { ParsedText } from '../nlp.js';
import { classifySpan, type SpanRole } from './classify.js';
import { isNavigation } from './credits.js';
import { directQuotes, type DirectDecisions } from './direct.js';
import { fragmentQuotes } from './fragments.js';
import { inferGenders } from './genders.js';
import { reportedQuotes, type ReportedDecisions } from './indirect.js';
import { indexMentions, withFields, type MentionIndex } from './mentions.js';
import type { QuotedSpan } from './quote-marks.js';
import { markSubjects } from './subjects.js';
import { layoutOf, type Layout, type Walked } from './walk.js';

export interface QuoteContext extends ExtractContext {
  people: Person[];
  organizations: Organization[];
}

export { scanQuotes } from './quote-marks.js';

/** The quote passes, in the order they run. */
export const QUOTE_PASSES = ['layout', 'mentions', 'roles', 'subjects', 'genders', 'direct', 'reported', 'fragments'] as const;
export type QuotePassName = (typeof QUOTE_PASSES)[number];

/** What each pass decided, under its name. */
export interface QuoteDecisions {
  /** Paragraphs, sentences and quoted spans. */
  layout: Layout;
  /** The entities' mentions, lone surnames and name tokens (no subjects, quotes or inferred genders yet). */
  mentions: MentionIndex;
  /** What each quoted span is: a direct quote, a fragment inside a sentence, or a title. */
  roles: SpanRole[];
  /** Starts of the mentions that are their clause's subject or a speaker next to a reporting verb. */
  subjects: ReadonlySet<number>;
  /** Each person's gender (by index), the names' and the text's evidence. */
  genders: ('male' | 'female' | null)[];
  /** Direct quotes attributed in order; the walks below start from its cues and learned speakers. */
  direct: DirectDecisions;
  /** Indirect speech and partial quotes, sentence by sentence. */
  reported: ReportedDecisions;
  /** The quoted fragments left: partial quotes or scare quotes. */
  fragments: Walked;
}

/** Every quote pass over one text, in order: its decisions, by pass. Throws on a bug (see `findQuotes`). */
export function quotePasses(parsed: ParsedText, ctx: QuoteContext): QuoteDecisions {
  const text = parsed.text;
  const layout = layoutOf(text);
  const mentions = indexMentions(ctx.people, ctx.organizations, text);
  const roles = spanRoles(text, layout);
  const subjects = markSubjects(parsed, mentions);
  // why: mentions inside direct quotes are no antecedents for pronouns outside them
  const quoted = layout.spans.filter((_, k) => roles[k] === 'direct').map((q): [number, number] => [q.start, q.end]);
  const genders = inferGenders(withFields(mentions, { quoted }));
  const index = withFields(mentions, { subjects, quoted, genders });
  const direct = directQuotes(parsed, layout, roles, { cues: new Set(), index });
  const reported = reportedQuotes(parsed, layout, roles, direct);
  const fragments = fragmentQuotes(parsed, layout, roles, reported);
  return { layout, mentions, roles, subjects, genders, direct, reported, fragments };
}

/** The roles pass: what each quoted span is. */
function spanRoles(text: string, { spans, paraOf }: Layout): SpanRole[] {
  const roles: SpanRole[] = [];
  spans.forEach((q, k) => {
    const before = k > 0 ? { close: spans[k - 1]!.close, role: roles[k - 1]! } : null;
    // why: "READ MORE: ‘It becomes a nightmare’: …": words quoted in a link to another story are its headline
    roles.push(isNavigation(text, paraOf(q.open).start) ? 'title' : classifySpan(text, q, paraOf(q.open).start, before));
  });
  return roles;
}

/** The quotes of every pass, in text order, each part of a split quote pointing at its first part. */
function assemble(d: QuoteDecisions): Quote[] {
  const quotes = [...d.direct.quotes, ...d.reported.quotes, ...d.fragments.quotes];
  quotes.sort((a, b) => a.start - b.start || a.end - b.end);
  return quotes.map((q) => {
    const first = d.direct.parts.get(q);
    if (!first) return q;
    const i = quotes.indexOf(first);
    return { ...q, continues: i >= 0 ? i : null };
  });
}

/**
 * Find quotes and their speakers. Throws when a pass has a bug: the pipeline (src/extractors/pipeline.ts) decides
 * what a failed quotes pass costs, and says so in the article's warnings.
 */
export function findQuotes(parsed: ParsedText, ctx: QuoteContext): Quote[] {
  return assemble(quotePasses(parsed, ctx));
}

/** Spans of text in quotation marks (the scanner alone), for callers that need no speakers. */
export type { QuotedSpan };
