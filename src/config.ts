/**
 * Environment → typed, validated config, read once at the edge (CLI entry) and passed down as an argument.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './domain/errors.js';

export interface Config {
  /** REDIS_URL when set; null means the embedded redis-server over `dataDir`. */
  redisUrl: string | null;
  /** Where the embedded Redis keeps its data (AOF) and pid file. */
  dataDir: string;
  /** Prefix of every newsflow key in Redis (BullMQ queues live under `<prefix>bull:`). */
  prefix: string;
  /** User-Agent sent with every request. */
  userAgent: string;
  /** Hosts (host or host:port) that may be fetched although they resolve to private/loopback addresses. */
  allowHosts: string[];
  /** Parallel article jobs per worker process. */
  articleConcurrency: number;
  fetchTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  /** BullMQ job lock: a worker that dies holds its jobs this long before another takes them over. */
  lockDurationMs: number;
  /** First retry delay of a failed job (exponential backoff with jitter from there). */
  retryBaseMs: number;
  /** How long a dedup batch job waits after the first article it will take was stored (more gather meanwhile). */
  dedupBatchDelayMs: number;
  /** Redis memory budget in MiB when the server sets no maxmemory (null: no budget, no back-pressure). */
  redisMaxMb: number | null;
  logLevel: string;
  /** Records first stored longer ago than this many days leave Redis for the archive (NEWSFLOW_RETAIN_DAYS). */
  retainDays: number;
  /** Where the archive's day files go (NEWSFLOW_ARCHIVE_DIR; default <NEWSFLOW_HOME>/archive). */
  archiveDir: string;
  /**
   * When a stored article is fetched again to look for a new version, in ms after it was first stored (or last
   * revised), ascending (NEWSFLOW_RECHECK, default 1h,6h,24h; `off`: []).
   */
  recheckMs: number[];
  /**
   * Entries of a non-news sitemap are polled when their lastmod is this recent (NEWSFLOW_SITEMAP_WINDOW_HOURS,
   * default 48); null (`off`) takes every entry.
   */
  sitemapWindowMs: number | null;
}

/** The default re-check schedule: news edits come mostly in the first hours, so the checks thin out. */
export const DEFAULT_RECHECK = '1h,6h,24h';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `1h,6h,24h` → ascending ms offsets; `off` → []. Throws ConfigError naming the bad part. */
export function parseRecheck(value: string): number[] {
  if (value.trim().toLowerCase() === 'off') return [];
  const out = value.split(',').map((part) => {
    const m = /^\s*(\d+)\s*([smhd])\s*$/u.exec(part);
    if (!m || Number(m[1]) === 0)
      throw new ConfigError(`invalid NEWSFLOW_RECHECK "${value}": "${part.trim()}" is not a duration like 30m, 6h or 2d (or set it to off)`);
    return Number(m[1]) * UNIT_MS[m[2]!]!;
  });
  return [...new Set(out)].sort((a, b) => a - b);
}

const Env = z.object({
  REDIS_URL: z.string().url().optional(),
  NEWSFLOW_HOME: z.string().optional(),
  NEWSFLOW_PREFIX: z
    .string()
    .regex(/^[\w:.-]+$/u, 'letters, digits, _ : . - only')
    .optional(),
  NEWSFLOW_USER_AGENT: z.string().optional(),
  NEWSFLOW_ALLOW_HOSTS: z.string().optional(),
  NEWSFLOW_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  NEWSFLOW_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  NEWSFLOW_MAX_BODY_BYTES: z.coerce.number().int().min(1024).optional(),
  NEWSFLOW_LOCK_MS: z.coerce.number().int().min(1000).optional(),
  NEWSFLOW_RETRY_BASE_MS: z.coerce.number().int().min(10).optional(),
  NEWSFLOW_DEDUP_DELAY_MS: z.coerce.number().int().min(0).max(5_000).optional(),
  NEWSFLOW_REDIS_MAX_MB: z.coerce.number().int().min(1).optional(),
  NEWSFLOW_RETAIN_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
  NEWSFLOW_ARCHIVE_DIR: z.string().min(1).optional(),
  NEWSFLOW_RECHECK: z.string().min(1).optional(),
  NEWSFLOW_SITEMAP_WINDOW_HOURS: z
    .union([
      z.literal('off'),
      z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 366),
    ])
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

/** Two days: what a Google News sitemap holds, so both kinds of sitemap reach back as far. */
export const DEFAULT_SITEMAP_WINDOW_HOURS = 48;

export const DEFAULT_USER_AGENT = 'newsflow/0.1 (+https://github.com/newsflow/newsflow; news ingestion bot)';

/** Read the config from `env` (process.env by default); throws ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid environment variable ${String(issue?.path[0] ?? '?')}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const prefix = e.NEWSFLOW_PREFIX ?? 'nf:';
  return {
    redisUrl: e.REDIS_URL ?? null,
    dataDir: resolve(cwd, e.NEWSFLOW_HOME ?? '.newsflow'),
    prefix: prefix.endsWith(':') ? prefix : `${prefix}:`,
    userAgent: e.NEWSFLOW_USER_AGENT ?? DEFAULT_USER_AGENT,
    allowHosts: (e.NEWSFLOW_ALLOW_HOSTS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    articleConcurrency: e.NEWSFLOW_CONCURRENCY ?? 4,
    fetchTimeoutMs: e.NEWSFLOW_FETCH_TIMEOUT_MS ?? 15_000,
    maxBodyBytes: e.NEWSFLOW_MAX_BODY_BYTES ?? 10 * 1024 * 1024,
    maxRedirects: 5,
    lockDurationMs: e.NEWSFLOW_LOCK_MS ?? 60_000,
    retryBaseMs: e.NEWSFLOW_RETRY_BASE_MS ?? 10_000,
    dedupBatchDelayMs: e.NEWSFLOW_DEDUP_DELAY_MS ?? 1000,
    redisMaxMb: e.NEWSFLOW_REDIS_MAX_MB ?? null,
    logLevel: e.LOG_LEVEL ?? 'info',
    retainDays: e.NEWSFLOW_RETAIN_DAYS ?? 90,
    archiveDir: resolve(cwd, e.NEWSFLOW_ARCHIVE_DIR ?? join(e.NEWSFLOW_HOME ?? '.newsflow', 'archive')),
    recheckMs: parseRecheck(e.NEWSFLOW_RECHECK ?? DEFAULT_RECHECK),
    sitemapWindowMs: e.NEWSFLOW_SITEMAP_WINDOW_HOURS === 'off' ? null : (e.NEWSFLOW_SITEMAP_WINDOW_HOURS ?? DEFAULT_SITEMAP_WINDOW_HOURS) * 3_600_000,
  };
}

/** Redact the password of a Redis URL for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}
