/**
 * Error classes. Each carries a stable `code` and says whether a retry can help:
 * workers turn non-retryable errors into BullMQ UnrecoverableError (failed at once, kept for inspection).
 */

export type ErrorCode =
  | 'CONFIG'
  | 'REDIS_UNAVAILABLE'
  | 'REDIS_EVICTION'
  | 'FETCH_NETWORK'
  | 'FETCH_TIMEOUT'
  | 'FETCH_HTTP'
  | 'FETCH_TOO_LARGE'
  | 'FETCH_FORBIDDEN'
  | 'FEED_PARSE'
  | 'FEED_LIMIT'
  | 'PAGE_PARSE'
  | 'JOB_DATA'
  | 'NOT_FOUND'
  | 'DEDUP_BATCH'
  | 'CORRUPT_RECORD'
  | 'VERSION_CONFLICT'
  | 'ARCHIVE'
  | 'ARCHIVE_BUSY'
  | 'USAGE';

export class NewsflowError extends Error {
  readonly code: ErrorCode;
  /** True when the same operation may succeed later (network blips, 5xx, 429). */
  readonly retryable: boolean;
  /** Extra detail for logs and `newsflow job` (never secrets). */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: { retryable?: boolean; cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = opts.retryable ?? false;
    this.details = opts.details ?? {};
  }
}

/** Bad configuration or arguments: fix the input, a retry does not help. */
export class ConfigError extends NewsflowError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFIG', message, { retryable: false, details });
  }
}

/** Wrong command-line usage (exit code 2). */
export class UsageError extends NewsflowError {
  constructor(message: string) {
    super('USAGE', message, { retryable: false });
  }
}

/** No Redis to talk to; the message says how to get one. */
export class RedisUnavailableError extends NewsflowError {
  constructor(message: string, cause?: unknown) {
    super('REDIS_UNAVAILABLE', message, { retryable: true, cause });
  }
}

/** A fetch failed. `retryable` is set from the failure (timeouts, 429, 5xx: yes; 404, refused target: no). */
export class FetchError extends NewsflowError {
  readonly status: number | null;
  /** Seconds the server asked us to wait (Retry-After), when it said so. */
  readonly retryAfterSeconds: number | null;
  constructor(
    code: Extract<ErrorCode, `FETCH_${string}`>,
    message: string,
    opts: { retryable: boolean; status?: number | null; retryAfterSeconds?: number | null; cause?: unknown; url?: string },
  ) {
    super(code, message, { retryable: opts.retryable, cause: opts.cause, details: { url: opts.url, status: opts.status ?? null } });
    this.status = opts.status ?? null;
    this.retryAfterSeconds = opts.retryAfterSeconds ?? null;
  }
}

/** A feed document that cannot be parsed. Retrying the same bytes does not help. */
export class FeedParseError extends NewsflowError {
  constructor(message: string, cause?: unknown) {
    super('FEED_PARSE', message, { retryable: false, cause });
  }
}

/**
 * A source document past one of newsflow's limits (bytes after decompression, URLs per sitemap, index depth,
 * child sitemaps per poll). The message names the limit; the same document is past it again, so retrying does not help.
 */
export class FeedLimitError extends NewsflowError {
  /** The limit's name as the docs give it ("maxUrls", "maxBytes", "maxDepth", "maxChildren"). */
  readonly limit: string;
  constructor(limit: string, value: number, message: string) {
    super('FEED_LIMIT', message, { retryable: false, details: { limit, value } });
    this.limit = limit;
  }
}

/** Job data that does not match its schema: a bug or a hand-made job, never retried. */
export class JobDataError extends NewsflowError {
  constructor(message: string) {
    super('JOB_DATA', message, { retryable: false });
  }
}

export class NotFoundError extends NewsflowError {
  constructor(message: string) {
    super('NOT_FOUND', message, { retryable: false });
  }
}

/** A stored record that cannot be read back (garbage bytes, not JSON, not a record). Rereading it does not help. */
export class CorruptRecordError extends NewsflowError {
  /** The article id, when known; `reason` says what is wrong without the id. */
  readonly id: string | null;
  readonly reason: string;
  constructor(id: string | null, reason: string, cause?: unknown) {
    super('CORRUPT_RECORD', `stored record ${id ?? '(unknown id)'} is corrupt: ${reason}`, { retryable: false, cause, details: { id, reason } });
    this.id = id;
    this.reason = reason;
  }
}

/** True when an error says a retry may help; unknown errors count as retryable. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof NewsflowError) return err.retryable;
  return true;
}
