/**
 * Job payload schemas: validated at the boundary (enqueue and worker entry). Page HTML never travels
 * through Redis: article jobs carry the URL, the worker fetches.
 */
import { z } from 'zod';
import { JobDataError } from '../domain/errors.js';

export const FeedJobData = z.object({
  feedId: z.string().min(1),
  url: z.string().url(),
  /** Why the poll happened: a schedule, a replay, a manual `newsflow poll`. */
  trigger: z.enum(['schedule', 'replay', 'manual']).default('manual'),
  /** The source's type when the config declares it; absent, the worker tells it from the content. */
  type: z.enum(['feed', 'sitemap']).optional(),
});
export type FeedJobData = z.infer<typeof FeedJobData>;

export const ArticleJobData = z.object({
  /** Canonicalized item URL; the job id is its hash. */
  url: z.string().url(),
  feedId: z.string().nullable(),
  feedUrl: z.string().nullable(),
  /** What the feed said about the item (fallbacks when the page lacks them). */
  title: z.string().nullable().default(null),
  publishedAt: z.string().nullable().default(null),
  /** When the feed says the item last changed: the stored version covers it (idx:updated). */
  updatedAt: z.string().nullable().default(null),
});
export type ArticleJobData = z.infer<typeof ArticleJobData>;

/** Job name of a re-fetch in the `articles` queue (a first fetch is named `article`). */
export const REFETCH_JOB = 'refetch';

/** Fetch a stored article again to look for a new version (src/workers/refetch.ts). */
export const RefetchJobData = z.object({
  articleId: z.string().regex(/^[0-9a-f]{16,64}$/u),
  /** `updated`: a source said the item changed (its updatedAt); `recheck`: the re-check schedule. */
  reason: z.enum(['updated', 'recheck']),
  updatedAt: z.string().nullable().default(null),
});
export type RefetchJobData = z.infer<typeof RefetchJobData>;

const postings = z
  .string()
  .max(4096)
  .regex(/^[0-9a-z ]*$/u);

/** One article to deduplicate: an entry of the dedup inbox (src/store/dedup-inbox.ts). */
export const DedupJobData = z.object({
  articleId: z.string().regex(/^[0-9a-f]{16,64}$/u),
  /**
   * The body's fingerprint and copy record (src/dedup dedupFingerprint), computed by the article worker where the
   * text is.
   */
  fp: z.object({
    copy: z.string().max(65_536),
    sketch: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/u)
      .nullable(),
    exact: postings,
    bands: postings,
  }),
});
export type DedupJobData = z.infer<typeof DedupJobData>;

/** A dedup batch job: it takes its articles from the store's dedup inbox (src/store/dedup-inbox.ts). */
export const DedupBatchJobData = z.object({ kind: z.literal('batch') });
export type DedupBatchJobData = z.infer<typeof DedupBatchJobData>;

/** Parse job data or throw a JobDataError (never retried) that names the bad field. */
export function parseJobData<T>(schema: z.ZodType<T>, data: unknown, queue: string): T {
  const r = schema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new JobDataError(`${queue} job data invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}
