/**
 * Deduplication: fold syndicated copies of a story into one, deterministically, in Redis.
 *
 * Keys under `<prefix>dedup:` (seq, i:, c:, k:, b:, x:, r:, m:, stories): docs/redis-keys.md. A seq is an internal
 * number given to each article on arrival, used only to keep the index small.
 *
 * A story's id is `s-<root article id>`, the root being the member with the smallest article id: when a
 * newcomer links two stories, or has a smaller id than the root, the story is re-labelled (see
 * `Assignment.mergedStoryIds`).
 */
import type { Redis } from 'ioredis';
import { JobDataError } from '../domain/errors.js';
import { ASSIGN_LUA, assignArgs, packFingerprint, type AssignReply } from './assign-script.js';
import { fingerprint, hashString } from './fingerprint.js';
import { normalizeUrl } from './normalize.js';
import { chooseOriginal, type CopyMeta } from './original.js';
import { NEAR } from './similarity.js';
import { luaScript } from '../store/lua-script.js';

export { fingerprint } from './fingerprint.js';
export { compareSketches, NEAR } from './similarity.js';
export { chooseOriginal } from './original.js';

/** What the dedup stage needs to know about one article. */
export interface DedupInput {
  id: string;
  url: string;
  canonicalUrl: string | null;
  siteName: string | null;
  title: string | null;
  text: string;
  publishedAt: string | null;
  syndication: { source: string | null; url: string | null; rule: string; evidence: string } | null;
}

/** One copy of a story and how it relates to the original. */
export interface StoryCopy {
  articleId: string;
  url: string;
  siteName: string | null;
  title: string | null;
  publishedAt: string | null;
  relation: 'original' | 'exact' | 'near';
}

/** A story: its copies (the original first) and why that copy is the original. */
export interface Story {
  id: string;
  originalId: string;
  originalReason: string;
  copies: StoryCopy[];
}

/** Result of assigning one article. */
export interface Assignment {
  storyId: string;
  /** True when the article matched nothing (it starts a story of one). */
  isNew: boolean;
  /** Articles it was linked to directly (exact or near), sorted. */
  matchedIds: string[];
  /** Best estimated Jaccard resemblance among the links (1 for exact keys), null when none. */
  similarity: number | null;
  /** Story ids that no longer exist because this article folded them into `storyId` (re-label their members). */
  mergedStoryIds: string[];
}

const STORY_PREFIX = 's-';
const base = (prefix: string) => `${prefix}dedup:`;
const idBucket = (id: string) => (hashString(id) & 0x3fff).toString(36);
const hi = (seq: number) => Math.floor(seq / 128);
const lo = (seq: number) => seq % 128;

/** The story id of a root article id. */
export const storyIdOf = (rootArticleId: string) => `${STORY_PREFIX}${rootArticleId}`;

const assignScript = luaScript<AssignReply>('nfDedupAssign', ASSIGN_LUA);

type CopyRecord = [string, string | null, string | null, string | null, string | null, string | null, [string | null, string | null, string] | null];

/** The stored form of a copy: its id, a newline, then a JSON array (the Lua script reads the id up to the newline). */
export function encodeCopy(m: CopyMeta): string {
  const s = m.syndication;
  const rec: CopyRecord = [
    m.url,
    m.canonicalUrl === m.url ? null : m.canonicalUrl,
    m.siteName,
    m.title,
    m.publishedAt,
    m.textHash,
    s ? [s.source, s.url, s.rule] : null,
  ];
  return `${m.articleId}\n${JSON.stringify(rec)}`;
}

/** Inverse of encodeCopy. */
export function decodeCopy(v: string): CopyMeta {
  const nl = v.indexOf('\n');
  const [url, canonicalUrl, siteName, title, publishedAt, textHash, s] = JSON.parse(v.slice(nl + 1)) as CopyRecord;
  return {
    articleId: v.slice(0, nl),
    url,
    canonicalUrl: canonicalUrl ?? url,
    siteName,
    title,
    publishedAt,
    textHash,
    syndication: s ? { source: s[0], url: s[1], rule: s[2] } : null,
  };
}

function copyMetaOf(input: DedupInput, textHash: string | null): CopyMeta {
  const s = input.syndication;
  return {
    articleId: input.id,
    url: input.url,
    canonicalUrl: input.canonicalUrl,
    siteName: input.siteName,
    title: input.title,
    publishedAt: input.publishedAt,
    textHash,
    syndication: s ? { source: s.source, url: s.url, rule: s.rule } : null,
  };
}

/**
 * Everything the assign step needs to know about an article, computed from its body where the body is (pure):
 * the dedup inbox entry carries this instead of the stage reading and inflating the whole stored record.
 */
export interface DedupFingerprint {
  /** The copy record (encodeCopy). */
  copy: string;
  /** The 2-bit MinHash sketch, base64; null when the body is too short for near-duplicate search. */
  sketch: string | null;
  /** Exact and LSH band postings, packed "bucket field bucket field …". */
  exact: string;
  bands: string;
}

/** Fingerprint one article for `assignFingerprint` (MinHash of its body, exact keys of its URLs and text). */
export function dedupFingerprint(input: DedupInput): DedupFingerprint {
  const fp = fingerprint(input.text, [input.url, input.canonicalUrl]);
  const packed = packFingerprint(fp);
  return { copy: encodeCopy(copyMetaOf(input, fp.textHash)), sketch: packed.sketch?.toString('base64') ?? null, exact: packed.exact, bands: packed.bands };
}

export interface AssignOptions {
  /**
   * Keep story labels in the same atomic step: key `prefix + article id + suffix` (the store's
   * `article:<id>:story`) is set to the story id, for this article and for every copy a merge re-labels.
   */
  storyKeys?: { prefix: string; suffix: string };
}

/** Assign an article to a story (atomic; idempotent: a second call for the same id changes nothing). */
export async function assignStory(redis: Redis, prefix: string, input: DedupInput, opts: AssignOptions = {}): Promise<Assignment> {
  if (!input.id || /[\s]/u.test(input.id)) throw new JobDataError(`dedup: bad article id ${JSON.stringify(input.id)}`);
  return assignFingerprint(redis, prefix, input.id, dedupFingerprint(input), opts);
}

/** Assign an article to a story from its precomputed fingerprint (same guarantees as assignStory). */
export async function assignFingerprint(redis: Redis, prefix: string, id: string, fp: DedupFingerprint, opts: AssignOptions = {}): Promise<Assignment> {
  if (!id || /[\s]/u.test(id)) throw new JobDataError(`dedup: bad article id ${JSON.stringify(id)}`);
  const packed = { sketch: fp.sketch === null ? null : Buffer.from(fp.sketch, 'base64'), exact: fp.exact, bands: fp.bands };
  const k = opts.storyKeys;
  const labels = k ? { keyPrefix: k.prefix, keySuffix: k.suffix, storyPrefix: STORY_PREFIX } : null;
  const args = assignArgs(base(prefix), id, idBucket(id), packed, fp.copy, NEAR, labels);
  const [root, isNew, matchedIds, best, merged] = await assignScript(redis, ...args);
  return {
    storyId: storyIdOf(root),
    isNew: isNew === 1,
    matchedIds,
    similarity: best === '' ? null : Number(best),
    mergedStoryIds: merged.map(storyIdOf),
  };
}

async function seqOf(redis: Redis, b: string, articleId: string): Promise<number | null> {
  const s = await redis.hget(`${b}i:${idBucket(articleId)}`, articleId);
  return s === null ? null : Number(s);
}

async function rootSeqOf(redis: Redis, b: string, seq: number): Promise<number> {
  const r = await redis.hget(`${b}r:${hi(seq)}`, String(lo(seq)));
  return r === null ? seq : Number(r);
}

/** The id of the story an article belongs to, or null when it has not been assigned. */
export async function storyOfArticle(redis: Redis, prefix: string, articleId: string): Promise<string | null> {
  const b = base(prefix);
  const seq = await seqOf(redis, b, articleId);
  if (seq === null) return null;
  const root = await rootSeqOf(redis, b, seq);
  const rec = await redis.hget(`${b}c:${hi(root)}`, String(lo(root)));
  return rec === null ? null : storyIdOf(rec.slice(0, rec.indexOf('\n')));
}

/** A story with its copies and original, or null when no such story exists (any more). */
export async function getStory(redis: Redis, prefix: string, storyId: string): Promise<Story | null> {
  if (!storyId.startsWith(STORY_PREFIX)) return null;
  const b = base(prefix);
  const rootId = storyId.slice(STORY_PREFIX.length);
  const seq = await seqOf(redis, b, rootId);
  if (seq === null || (await rootSeqOf(redis, b, seq)) !== seq) return null;
  const members = (await redis.smembers(`${b}m:${seq}`)).map(Number);
  return buildStory(redis, b, storyId, members.length ? members : [seq]);
}

async function buildStory(redis: Redis, b: string, storyId: string, seqs: number[]): Promise<Story | null> {
  const pipe = redis.pipeline();
  for (const s of seqs) pipe.hget(`${b}c:${hi(s)}`, String(lo(s)));
  const replies = (await pipe.exec()) ?? [];
  const metas = replies
    .map(([, v]) => (typeof v === 'string' ? decodeCopy(v) : null))
    .filter((m): m is CopyMeta => m !== null)
    .sort((x, y) => (x.articleId < y.articleId ? -1 : 1));
  if (metas.length === 0) return null;
  const { index, reason } = chooseOriginal(metas);
  const original = metas[index]!;
  const origUrls = new Set([normalizeUrl(original.url), normalizeUrl(original.canonicalUrl)].filter((u) => u !== null));
  const copies: StoryCopy[] = metas.map((m) => ({
    articleId: m.articleId,
    url: m.url,
    siteName: m.siteName,
    title: m.title,
    publishedAt: m.publishedAt,
    relation:
      m === original
        ? 'original'
        : (m.textHash !== null && m.textHash === original.textHash) ||
            [normalizeUrl(m.url), normalizeUrl(m.canonicalUrl)].some((u) => u !== null && origUrls.has(u))
          ? 'exact'
          : 'near',
  }));
  const rank = (c: StoryCopy) => (c.relation === 'original' ? 0 : 1);
  copies.sort((x, y) => rank(x) - rank(y) || byDate(x, y) || (x.articleId < y.articleId ? -1 : 1));
  return { id: storyId, originalId: original.articleId, originalReason: reason, copies };
}

function byDate(x: StoryCopy, y: StoryCopy): number {
  const tx = x.publishedAt ? Date.parse(x.publishedAt) : Number.POSITIVE_INFINITY;
  const ty = y.publishedAt ? Date.parse(y.publishedAt) : Number.POSITIVE_INFINITY;
  return tx === ty ? 0 : tx < ty ? -1 : 1;
}

/**
 * Stories by number of copies (most first; equal counts by id, descending). `minCopies` defaults to 2; with
 * `minCopies` ≤ 1, single-copy stories follow in arrival order until `limit` (default 100) is reached.
 */
export async function listStories(redis: Redis, prefix: string, opts: { minCopies?: number; limit?: number }): Promise<Story[]> {
  const b = base(prefix);
  const minCopies = opts.minCopies ?? 2;
  const limit = opts.limit ?? 100;
  const roots = await redis.zrevrangebyscore(`${b}stories`, '+inf', Math.max(2, minCopies), 'LIMIT', 0, limit);
  const out: Story[] = [];
  for (const rootId of roots) {
    const story = await getStory(redis, prefix, storyIdOf(rootId));
    if (story) out.push(story);
  }
  if (minCopies <= 1 && out.length < limit) {
    const last = Number((await redis.get(`${b}seq`)) ?? 0);
    for (let h = 0; h <= hi(last) && out.length < limit; h++) {
      const [recs, roots2] = await Promise.all([redis.hgetall(`${b}c:${h}`), redis.hgetall(`${b}r:${h}`)]);
      const singles = Object.keys(recs)
        .map(Number)
        .sort((x, y) => x - y)
        .filter((l) => !(String(l) in roots2));
      for (const l of singles) {
        if (out.length >= limit) break;
        const seq = h * 128 + l;
        if ((await redis.exists(`${b}m:${seq}`)) === 1) continue;
        const story = await buildStory(redis, b, storyIdOf(decodeCopy(recs[String(l)]!).articleId), [seq]);
        if (story) out.push(story);
      }
    }
  }
  return out;
}
