/** Export formats: NDJSON (one stored record per line) and CSV (one flat row per article, RFC 4180 quoting). */
import type { ArticleRecord } from '../domain/types.js';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Column = [name: string, get: (r: ArticleRecord) => string | number | null];

const join = (xs: string[]) => [...new Set(xs)].join('; ');

/** CSV columns, in order (lists are joined with "; "). */
export const CSV_COLUMNS: Column[] = [
  ['id', (r) => r.id],
  ['published_at', (r) => r.article.publishedAt],
  ['site', (r) => r.article.siteName],
  ['title', (r) => r.article.title],
  ['url', (r) => r.url],
  ['canonical_url', (r) => r.article.canonicalUrl],
  ['authors', (r) => join(r.article.authors)],
  ['language', (r) => r.article.lang],
  ['feed_id', (r) => r.feedId],
  ['story_id', (r) => r.storyId],
  ['companies', (r) => join(r.entities.organizations.filter((o) => o.kind === 'company').map((o) => o.name))],
  ['organizations', (r) => join(r.entities.organizations.filter((o) => o.kind !== 'company').map((o) => o.name))],
  ['people', (r) => join(r.entities.people.map((p) => p.name))],
  ['quotes', (r) => r.entities.quotes.length],
  ['characters', (r) => r.article.text.length],
  ['fetched_at', (r) => r.fetchedAt],
];

const TEXT_COLUMN: Column = ['text', (r) => r.article.text];

/** One CSV field: quoted when it holds a quote, comma or line break. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

function columns(withText: boolean): Column[] {
  return withText ? [...CSV_COLUMNS, TEXT_COLUMN] : CSV_COLUMNS;
}

/** The header line (CSV) or nothing (NDJSON). */
export function exportHeader(format: ExportFormat, withText: boolean): string {
  return format === 'csv'
    ? `${columns(withText)
        .map(([n]) => n)
        .join(',')}\r\n`
    : '';
}

/** One record as a line of the format (NDJSON: the whole stored record; CSV: the columns, text when asked). */
export function exportLine(format: ExportFormat, r: ArticleRecord, withText: boolean): string {
  if (format === 'ndjson') return `${JSON.stringify(r)}\n`;
  return `${columns(withText)
    .map(([, get]) => csvField(get(r)))
    .join(',')}\r\n`;
}
