/**
 * How an ArticleRecord is stored: a format byte, 0x02, then brotli (quality 1) of the record's JSON with every
 * span's `text` left out where it is the body's own slice start..end (the decoder puts it back).
 * why a format byte: a later format can be told from this one; a byte this version does not know is an error.
 *
 * why leave span texts out: quotes, mentions, dates and cues repeat the body; without them the JSON is shorter, so
 * it is cheaper to write and to compress.
 * why brotli at quality 1: cheaper in CPU than deflate for a slightly larger record; the save is the biggest part of
 * the store's CPU per article, and the memory budget per article has room for the difference, not for brotli on the
 * whole JSON (figures: BENCHMARKS.md).
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { CorruptRecordError } from '../domain/errors.js';
import type { ArticleRecord, Entities, Span } from '../domain/types.js';

const BROTLI_LEAN = 0x02;

/** A span as stored: without `text` when the body's slice gives it back. */
type StoredSpan<T extends Span> = Omit<T, 'text'> & { text?: string };

function lean<T extends Span>(s: T, body: string): StoredSpan<T> {
  if (s.text.length !== s.end - s.start || !body.startsWith(s.text, s.start)) return s;
  const { text: _text, ...rest } = s;
  return rest;
}

function full<T extends Span>(s: StoredSpan<T>, body: string): T {
  if (typeof s.text === 'string') return s as T;
  const { start, end, ...rest } = s;
  // why this key order: the extractors' own (start, end, text, …), so a record reads back as it was written
  return { start, end, text: body.slice(start, end), ...rest } as unknown as T;
}

function mapEntities(e: Entities, span: <T extends Span>(s: T) => T): Entities {
  return {
    people: e.people.map((p) => ({ ...p, mentions: p.mentions.map(span) })),
    organizations: e.organizations.map((o) => ({ ...o, mentions: o.mentions.map(span) })),
    dates: e.dates.map(span),
    quotes: e.quotes.map((q) => ({ ...span(q), speaker: q.speaker && { ...q.speaker, mention: span(q.speaker.mention) }, cue: q.cue && span(q.cue) })),
  };
}

export function encodeRecord(record: ArticleRecord): Buffer {
  const body = record.article.text;
  const entities = mapEntities(record.entities, (s) => lean(s, body) as typeof s);
  const json = JSON.stringify({ ...record, entities });
  const z = brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } });
  return Buffer.concat([Buffer.of(BROTLI_LEAN), z]);
}

/** What is wrong with a decoded value that should be an ArticleRecord, or null when it reads as one. */
export function recordProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `not a record (JSON ${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v})`;
  const r = v as Record<string, unknown>;
  if (typeof r.id !== 'string') return 'no id';
  const a = r.article as Record<string, unknown> | null | undefined;
  if (typeof a !== 'object' || a === null) return 'no article';
  if (typeof a.text !== 'string') return 'article has no text';
  if (!Array.isArray(a.authors)) return 'article has no authors list';
  const e = r.entities as Record<string, unknown> | null | undefined;
  if (typeof e !== 'object' || e === null) return 'no entities';
  for (const k of ['people', 'organizations', 'dates', 'quotes']) if (!Array.isArray(e[k])) return `entities have no ${k} list`;
  if (typeof r.url !== 'string') return 'no url';
  return null;
}

/**
 * Read a stored record (format 0x02). Bytes that do not decode to a record throw CorruptRecordError saying what
 * is wrong (`id` names it in the message).
 */
export function decodeRecord(raw: Buffer, id: string | null = null): ArticleRecord {
  if (raw[0] !== BROTLI_LEAN) {
    throw new CorruptRecordError(id, raw.length ? `unknown format byte 0x${raw[0]!.toString(16).padStart(2, '0')}` : 'empty');
  }
  let json: string;
  try {
    json = brotliDecompressSync(raw.subarray(1)).toString('utf8');
  } catch (err) {
    throw new CorruptRecordError(id, `its ${raw.length} bytes do not decompress as brotli (${(err as Error).message})`, err);
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new CorruptRecordError(id, `its content is not JSON (${(err as Error).message})`, err);
  }
  const problem = recordProblem(value);
  if (problem) throw new CorruptRecordError(id, problem);
  const r = value as ArticleRecord;
  try {
    return { ...r, entities: mapEntities(r.entities, (s) => full(s, r.article.text)) };
  } catch (err) {
    throw new CorruptRecordError(id, `its entities do not read back (${(err as Error).message})`, err);
  }
}
