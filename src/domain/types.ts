/**
 * The records that flow through newsflow: feed items → articles → extractions → stored records → stories.
 * Types only; this module imports nothing else from src/.
 */

/** A span of text: 0-based, end-exclusive character offsets into the article's `text`. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

// ---------------------------------------------------------------- feeds

/** One item of a feed, as parsed from RSS, Atom or JSON Feed. */
export interface FeedItem {
  url: string;
  title: string | null;
  publishedAt: string | null;
  /** When the source says the item last changed (sitemap <lastmod>, Atom <updated>, JSON Feed date_modified), ISO 8601; null when not given. */
  updatedAt: string | null;
  guid: string | null;
  summary: string | null;
}

export interface ParsedFeed {
  title: string | null;
  siteUrl: string | null;
  /** RSS <ttl> in minutes, when the feed declares one. */
  ttlMinutes: number | null;
  items: FeedItem[];
}

// ---------------------------------------------------------------- article page

/** Where a page says its story comes from (another outlet, a wire service). */
export interface Syndication {
  /** The outlet named as the origin ("The Hollywood Reporter", "Reuters"). */
  source: string | null;
  /** The origin's URL when the page gives one (cross-domain canonical, link in the credit line). */
  url: string | null;
  /** Which rule found it: 'originally-appeared', 'wire-dateline', 'cross-domain-canonical', … */
  rule: string;
  /** The text or markup the rule matched. */
  evidence: string;
}

/** Fields of an article page that carry a provenance entry. */
export type ArticleField =
  | 'title'
  | 'authors'
  | 'publishedAt'
  | 'modifiedAt'
  | 'canonicalUrl'
  | 'lang'
  | 'siteName'
  | 'description'
  | 'image'
  | 'section'
  | 'tags'
  | 'text'
  | 'syndication';

/** What `extractArticle` returns: clean body text and metadata of one page. */
export interface Article {
  title: string | null;
  authors: string[];
  /** ISO 8601, time-zone offset kept as written. */
  publishedAt: string | null;
  modifiedAt: string | null;
  canonicalUrl: string | null;
  url: string | null;
  lang: string | null;
  siteName: string | null;
  description: string | null;
  image: string | null;
  section: string | null;
  tags: string[];
  /** The body: blocks (paragraphs, headings, list items, quotes) separated by a blank line. */
  text: string;
  syndication: Syndication | null;
  /** For each field that has a value, the rule that produced it ('json-ld', 'og', 'meta', 'byline', …). */
  provenance: Partial<Record<ArticleField, string>>;
  /** False for home pages, section fronts and lists: flagged, not forced into an article. */
  isArticle: boolean;
  /** Why fields are empty or the page is not an article (empty input, binary, too large…). */
  warnings: string[];
}

// ---------------------------------------------------------------- entities

export type OrganizationKind = 'company' | 'media' | 'government' | 'other';

/** A person's mention: the name as written, and where a capitalized title right before it begins, if one does. */
export interface PersonMention extends Span {
  /**
   * The offset where the capitalized title written right before this name begins ("Senator" in "Senator Jane Doe");
   * absent when none. The text from here to `end` is the name with its title: the extent MEANTIME and ACE annotate,
   * where CoNLL and OntoNotes annotate the name alone (`start`..`end`).
   */
  titleStart?: number;
}

export interface Person {
  /** Canonical name: the fullest form used in the text ("Donald Trump" for "President Donald Trump" … "Trump"). */
  name: string;
  kind: 'person';
  /** Every place the text names the person: the name as written, without a title before it ("Donald Trump", "Trump"). */
  mentions: PersonMention[];
  /** The capitalized title the text first writes right before the name ("President", "Prime Minister"); absent when none. */
  title?: string;
  /** Other forms used, without titles ("Trump"). */
  aliases: string[];
  /**
   * Provenance: what decided that its first full-name mention is a person: `'model'` (the learned entity layer) or
   * the name of the rule ('first-name', 'person-title', 'unknown-pair', …; see src/extractors/entities/). Absent on
   * records stored before it existed.
   */
  rule?: string;
}

export interface Organization {
  name: string;
  kind: OrganizationKind;
  mentions: Span[];
  aliases: string[];
  /** Provenance: what decided that its first full-name mention is an organization: `'model'` or the rule's name. */
  rule?: string;
}

export type DateGranularity =
  | 'time'
  | 'day'
  | 'week'
  | 'month'
  | 'quarter'
  | 'season'
  | 'half'
  | 'year'
  | 'decade'
  | 'century'
  | 'duration'
  | 'set'
  | 'reference';

export type DateModifier = 'early' | 'mid' | 'late' | 'approx' | 'before' | 'after' | 'start' | 'end';

/** A date mention with its TIMEX3 value, resolved against the publication date. */
export interface DateMention extends Span {
  /** TIMEX3 value: 2020-08-06, 2020-08, 2020, 2020-W37, 2020-Q3, P3M, PRESENT_REF, XXXX-08-06 (year unknown)… */
  value: string | null;
  granularity: DateGranularity;
  modifier: DateModifier | null;
  /** TIMEX3 type: DATE, TIME, DURATION or SET. */
  type: 'DATE' | 'TIME' | 'DURATION' | 'SET';
  /** When the text names a range ("from May to July"): its two ends as TIMEX3 values. */
  range: { start: string; end: string } | null;
  /** Provenance: the date rule that matched ('iso-date', 'month-day-year', 'relative-day', …; src/extractors/dates/). */
  rule?: string;
}

/** Points from a quote's speaker to the entity list it belongs to. */
export interface EntityRef {
  type: 'person' | 'organization';
  /** Index into `people` or `organizations` of the same extraction. */
  index: number;
}

export interface Speaker {
  /** Canonical name of the entity, or the mention as written when it names no known entity. */
  name: string;
  entity: EntityRef | null;
  mention: Span;
}

export type QuoteKind = 'direct' | 'partial' | 'indirect';

export interface Quote extends Span {
  kind: QuoteKind;
  speaker: Speaker | null;
  /** The reporting verb or phrase ("said", "according to", "wrote in a statement"). */
  cue: Span | null;
  /**
   * Index, in the same `quotes` array, of the quote this one continues: the later part of one quotation split by
   * its attribution (`"…," she said. "…"`) or running over several paragraphs. Null for a first or only part.
   */
  continues: number | null;
  /**
   * Provenance: how the quote and its speaker were found. Direct quotes: 'direct-after' / 'direct-before' (a cue
   * after or before the quote), 'direct-split' (the part after its attribution), 'direct-floating' (the speaker of
   * the quotes around it), 'direct-none'. Reported speech: 'cue-first', 'cue-last', 'according-to', 'participle'.
   * Quoted fragments: 'fragment-cue', 'fragment-verb', 'fragment' (no speaker).
   */
  rule?: string;
}

/** What `extractEntities` returns. Every span is an offset into the text given to it. */
export interface Entities {
  people: Person[];
  organizations: Organization[];
  dates: DateMention[];
  quotes: Quote[];
}

/** Context an extractor may use: never the clock, never the environment. */
export interface ExtractContext {
  /** The article's publication date (ISO 8601); relative dates resolve against it. */
  publishedAt?: string | null;
  /** The article's title, when known (helps with ALL-CAPS and headline-only names). */
  title?: string | null;
}

// ---------------------------------------------------------------- stored results

/** One processed article as stored in Redis (see src/store/keys.ts for the key layout). */
export interface ArticleRecord {
  /** Stable id: hash of the canonical URL (see src/queues/job-ids.ts). */
  id: string;
  /** The URL the article was fetched from (after redirects). */
  url: string;
  /** The URL the job was made for (the feed item's link, canonicalized). */
  sourceUrl: string;
  feedId: string | null;
  feedUrl: string | null;
  /** When newsflow fetched it (ISO 8601, UTC). */
  fetchedAt: string;
  /** When the record was (last) written. */
  storedAt: string;
  article: Article;
  entities: Entities;
  /** Story cluster assigned by the dedup stage, null until then. */
  storyId: string | null;
  /**
   * The page's HTTP validators when this version was fetched: a re-fetch sends them back (conditional GET), so an
   * unchanged page costs a 304. Absent on records stored before revisions were kept.
   */
  validators?: { etag: string | null; lastModified: string | null };
}

// ---------------------------------------------------------------- revisions

/**
 * One op of a stored text diff that turns a version's successor back into it (src/revisions/diff.ts): a positive
 * number copies that many units (sentences and the whitespace between them) of the successor, a negative one skips
 * that many, a string is text of this version the successor lacks.
 */
export type DiffOp = number | string;

/** A previous version of an article, kept compactly: its title and a diff against the next version's text. */
export interface ArticleRevision {
  /** When newsflow fetched this version (ISO 8601, UTC). */
  fetchedAt: string;
  /** The page's modified date of this version, as written; null when it gave none. */
  modifiedAt: string | null;
  title: string | null;
  /** Ops turning the next version's text into this version's. */
  diff: DiffOp[];
}
