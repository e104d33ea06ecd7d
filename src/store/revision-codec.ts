/**
 * How an article's previous versions are stored (`<p>article:<id>:revs`): a format byte, 0x02, then brotli of the
 * JSON array of ArticleRevision, oldest first. Each holds a diff against the next version (src/revisions/diff.ts),
 * the last one against the record's current text.
 * why brotli at quality 5 (the record's codec uses 1): versions are written once per change, not once per article,
 * and a few hundred bytes of JSON keys and titles shrink by half
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { CorruptRecordError } from '../domain/errors.js';
import type { ArticleRevision } from '../domain/types.js';

const BROTLI_JSON = 0x02;

export function encodeRevisions(revisions: readonly ArticleRevision[]): Buffer {
  const json = JSON.stringify(revisions);
  return Buffer.concat([Buffer.of(BROTLI_JSON), brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })]);
}

function revisionProblem(v: unknown, i: number): string | null {
  if (typeof v !== 'object' || v === null) return `version ${i + 1} is not an object`;
  const r = v as Record<string, unknown>;
  if (typeof r.fetchedAt !== 'string') return `version ${i + 1} has no fetchedAt`;
  if (!Array.isArray(r.diff) || !r.diff.every((op) => typeof op === 'string' || Number.isInteger(op))) return `version ${i + 1} has no diff`;
  return null;
}

/** Read stored versions; bytes that do not decode to them throw CorruptRecordError (`id` names the article). */
export function decodeRevisions(raw: Buffer, id: string | null = null): ArticleRevision[] {
  const what = (reason: string) => new CorruptRecordError(id, `its previous versions: ${reason}`);
  if (raw[0] !== BROTLI_JSON) throw what(raw.length ? `unknown format byte 0x${raw[0]!.toString(16).padStart(2, '0')}` : 'empty');
  let value: unknown;
  try {
    value = JSON.parse(brotliDecompressSync(raw.subarray(1)).toString('utf8'));
  } catch (err) {
    throw what(`they do not decode (${(err as Error).message})`);
  }
  if (!Array.isArray(value)) throw what('not a list');
  value.forEach((v, i) => {
    const problem = revisionProblem(v, i);
    if (problem) throw what(problem);
  });
  return value as ArticleRevision[];
}
