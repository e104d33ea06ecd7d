/**
 * The feeds config file (YAML or JSON): which feeds to poll, how often (an interval or a cron pattern) and
 * their tags. Validated with zod; every error names the file, line and column.
 *
 *   defaults: { every: 15m, tags: [news] }
 *   feeds:
 *     - url: https://example.org/rss.xml
 *       id: example            # optional; derived from the URL when absent (keep it stable: it keys the feed's state)
 *       every: 30m             # or cron: "0 * * * *" (with optional tz)
 *       tags: [world]
 *     - url: https://example.org/news-sitemap.xml
 *       type: sitemap          # optional: feed | sitemap; told from the content when absent
 */
import { createHash } from 'node:crypto';
import { isMap, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../domain/errors.js';
import { SOURCE_TYPES, type SourceType } from '../feeds/source-type.js';
import { canonicalizeUrl } from '../url/canonical.js';

export interface FeedSpec {
  id: string;
  url: string;
  /** Interval in ms, or null when `cron` is set. */
  everyMs: number | null;
  cron: string | null;
  tz: string | null;
  tags: string[];
  /** Declared source type; null: told from the fetched content at each poll. */
  type: SourceType | null;
}

export interface FeedsConfig {
  feeds: FeedSpec[];
}

const MINUTE = 60_000;
/** Polling more often than this is impolite to the publisher and never needed for news. */
export const MIN_INTERVAL_MS = MINUTE;
export const MAX_INTERVAL_MS = 7 * 24 * 60 * MINUTE;
export const DEFAULT_INTERVAL_MS = 15 * MINUTE;

const UNIT_MS: Record<string, number> = { s: 1000, m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE };

/** "90s", "15m", "1h30m", "1d" or a number of seconds → ms; null when unreadable. */
export function parseDuration(v: string | number): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? v * 1000 : null;
  const s = v.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?\s*[smhd]\s*)+$/u.test(s)) return /^\d+$/u.test(s) ? Number(s) * 1000 : null;
  let ms = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)\s*([smhd])/gu)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  return ms;
}

/** Compact form of a duration for display and for writing back ("15m", "1h30m", "45s"). */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, secs] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / secs);
    if (n) parts.push(`${n}${unit}`);
    rest -= n * secs;
  }
  return parts.join('') || '0s';
}

// why z.unknown and not z.number(): YAML reads `1e400` as Infinity, which z.number() refuses with a bare
// "Invalid input"; here every unreadable value gets the same message saying what a duration looks like
const Duration = z.unknown().transform((v, ctx) => {
  if (typeof v !== 'string' && typeof v !== 'number') {
    ctx.addIssue({ code: 'custom', message: `a duration is a string like 90s, 15m, 1h or 1d (or a number of seconds), got ${JSON.stringify(v) ?? String(v)}` });
    return z.NEVER;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) {
    ctx.addIssue({
      code: 'custom',
      message: `${v > 0 ? 'an infinite' : 'a non-finite'} number is not a duration (a number here counts seconds; use e.g. 900 or 15m)`,
    });
    return z.NEVER;
  }
  const ms = parseDuration(v);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (use e.g. 90s, 15m, 1h, 1d)` });
    return z.NEVER;
  }
  if (ms < MIN_INTERVAL_MS || ms > MAX_INTERVAL_MS) {
    ctx.addIssue({ code: 'custom', message: `interval ${formatDuration(ms)} is outside 1m…7d` });
    return z.NEVER;
  }
  return ms;
});

// why a shape check only: BullMQ's cron parser gives the exact verdict at sync time; this catches typos early with a line number
const Cron = z
  .string()
  .trim()
  .regex(/^(\S+\s+){4}\S+(\s+\S+)?$/u, 'a cron pattern has 5 fields (minute hour day month weekday), e.g. "*/15 * * * *"')
  .superRefine((pattern, ctx) => {
    const fields = pattern.split(/\s+/u);
    // why refused, not clamped: a 6-field pattern starts with seconds, and `* * * * * *` polls every second, past the
    // 1-minute minimum `every` enforces; rewriting it silently would poll at times the operator did not write.
    // A single second (`0 */5 * * * *`) still fires at most once a minute, so it stays allowed.
    if (fields.length === 6 && !/^([0-9]|[1-5][0-9])$/u.test(fields[0]!)) {
      ctx.addIssue({
        code: 'custom',
        message:
          `cron "${pattern}" has a seconds field ("${fields[0]}") that fires more than once a minute: ` +
          `refused (feeds are polled at most once a minute); use 5 fields, e.g. "${fields.slice(1).join(' ')}"`,
      });
    }
  });

/** What is wrong with a schedule given on the command line (`feeds add --every|--cron`), or null. */
export function scheduleProblem(opts: { every?: string; cron?: string }): string | null {
  for (const [flag, schema, value] of [
    ['--every', Duration, opts.every],
    ['--cron', Cron, opts.cron],
  ] as const) {
    if (value === undefined) continue;
    const r = (schema as z.ZodType).safeParse(value);
    if (!r.success) return `${flag} ${r.error.issues[0]?.message ?? 'is not valid'}`;
  }
  return null;
}

const Tags = z.array(z.string().trim().min(1)).default([]);

const FeedEntry = z
  .object({
    url: z
      .string()
      .trim()
      .refine((u) => canonicalizeUrl(u) !== null, 'url must be an absolute http(s) URL'),
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/u, 'id: lower-case letters, digits, . _ - (at most 64)')
      .optional(),
    every: Duration.optional(),
    cron: Cron.optional(),
    tz: z.string().trim().min(1).optional(),
    tags: Tags,
    type: z
      .enum(SOURCE_TYPES as [SourceType, ...SourceType[]], { message: 'type is feed or sitemap (or leave it out: it is told from the content)' })
      .optional(),
  })
  .strict()
  .refine((f) => !(f.every !== undefined && f.cron !== undefined), { message: 'give either every or cron, not both', path: ['cron'] });

const FileSchema = z
  .object({
    defaults: z.object({ every: Duration.optional(), tags: Tags }).strict().optional(),
    feeds: z.array(FeedEntry).default([]),
  })
  .strict();

/** A stable, readable id from a feed URL: host and path slugged, plus a short hash against collisions. */
export function feedIdFromUrl(url: string): string {
  const u = new URL(url);
  const slug = `${u.hostname.replace(/^www\./u, '')}${u.pathname}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '')
    .slice(0, 48);
  return `${slug || 'feed'}-${createHash('sha256').update(url).digest('hex').slice(0, 6)}`;
}

function where(file: string, doc: Document, lc: LineCounter, path: ReadonlyArray<PropertyKey>): string {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as Array<string | number>, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0] ?? (n === 0 ? doc.contents?.range?.[0] : undefined);
    if (offset !== undefined) {
      const { line, col } = lc.linePos(offset);
      return `${file}:${line}:${col}`;
    }
  }
  return file;
}

/** Aliases a feeds file may expand (the yaml package's own default, made explicit: it is what refuses a bomb). */
const MAX_ALIAS_COUNT = 100;

/** Where the first alias of `doc` is (file:line:col), for the alias-bomb error. */
function aliasAt(file: string, doc: Document, lc: LineCounter): string {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  if (offset === undefined) return file;
  const { line, col } = lc.linePos(offset);
  return `${file}:${line}:${col}`;
}

/** Parse and validate a feeds config text. `file` names it in errors ("feeds.yaml:12:5: …"). */
export function parseFeedsConfig(text: string, file = 'feeds config'): FeedsConfig {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    throw new ConfigError(`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: ${syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/u, '')}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // why: the yaml package refuses an alias bomb ("billion laughs") with a bare ReferenceError and no position
    throw new ConfigError(
      `${aliasAt(file, doc, lc)}: ${(err as Error).message.replace(/\.$/u, '')} (YAML aliases expand to too many nodes: write the entries out)`,
    );
  }
  const parsed = FileSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length ? ` (at ${issue.path.join('.')})` : '';
    throw new ConfigError(`${where(file, doc, lc, issue.path)}: ${issue.message}${at}`);
  }
  const defaults = parsed.data.defaults;
  const feeds: FeedSpec[] = [];
  const byId = new Map<string, number>();
  const byUrl = new Map<string, number>();
  parsed.data.feeds.forEach((f, i) => {
    const url = canonicalizeUrl(f.url)!;
    const id = f.id ?? feedIdFromUrl(url);
    const dup = byUrl.has(url) ? `url ${url}` : byId.has(id) ? `id "${id}"` : null;
    if (dup) throw new ConfigError(`${where(file, doc, lc, ['feeds', i])}: duplicate feed ${dup} (first at feeds.${byUrl.get(url) ?? byId.get(id)})`);
    byId.set(id, i);
    byUrl.set(url, i);
    feeds.push({
      id,
      url,
      everyMs: f.cron ? null : (f.every ?? defaults?.every ?? DEFAULT_INTERVAL_MS),
      cron: f.cron ?? null,
      tz: f.tz ?? null,
      tags: [...new Set([...(defaults?.tags ?? []), ...f.tags])],
      type: f.type ?? null,
    });
  });
  return { feeds };
}

/** The feeds sequence of a config document, created when missing (for `feeds add` / `remove`, comments kept). */
export function feedsSeqOf(doc: Document) {
  if (!isMap(doc.contents)) doc.contents = doc.createNode({ feeds: [] }) as typeof doc.contents;
  let seq = doc.get('feeds', true);
  if (!isSeq(seq)) {
    doc.set('feeds', doc.createNode([]));
    seq = doc.get('feeds', true);
  }
  return seq as import('yaml').YAMLSeq;
}
