/**
 * The fetch policy every worker uses: robots.txt (article pages), per-host concurrency and request spacing
 * shared through Redis (Crawl-delay honoured), and retries with jittered exponential backoff that honour
 * Retry-After, around httpGet.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { FetchError } from '../domain/errors.js';
import { decodeBody } from './decode.js';
import { HostLimiter } from './host-limiter.js';
import { httpGet, type FetchOptions, type FetchResult } from './http.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.js';
import { isAllowedByRobots, robotsFor } from './robots.js';

export interface Politeness {
  maxConcurrentPerHost: number;
  /** Minimum spacing of request starts to one host. */
  minIntervalMs: number;
  /** Crawl-delay is honoured up to this (a site asking for an hour between pages would never be read). */
  maxCrawlDelayMs: number;
  retry: RetryPolicy;
  /** Hosts fetched without spacing or concurrency limits (our own fixture server). */
  unthrottledHosts: readonly string[];
}

export const DEFAULT_POLITENESS: Politeness = {
  maxConcurrentPerHost: 2,
  minIntervalMs: 1000,
  maxCrawlDelayMs: 30_000,
  retry: DEFAULT_RETRY,
  unthrottledHosts: [],
};

/** Limits of one GET, from the config. */
export function fetchOptionsFrom(config: Pick<Config, 'userAgent' | 'fetchTimeoutMs' | 'maxBodyBytes' | 'maxRedirects' | 'allowHosts'>): FetchOptions {
  return {
    userAgent: config.userAgent,
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.maxBodyBytes,
    maxRedirects: config.maxRedirects,
    allowHosts: config.allowHosts,
  };
}

/** The workers' politeness: defaults, with the explicitly allowed private hosts (fixture servers, our own) unthrottled. */
export function politenessFor(config: Pick<Config, 'allowHosts'>): Politeness {
  // why: politeness protects other people's servers; a host the operator allowed by name is their own
  return { ...DEFAULT_POLITENESS, unthrottledHosts: config.allowHosts };
}

export interface PoliteGetOptions {
  accept?: string;
  headers?: Record<string, string>;
  /** Check robots.txt first (article pages: yes; feeds a human subscribed to: no). */
  robots?: boolean;
}

export interface PoliteFetcherDeps {
  redis: Redis;
  prefix: string;
  http: FetchOptions;
  politeness: Politeness;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (err: unknown, retry: number, delayMs: number) => void;
}

function originOf(url: unknown): string | null {
  try {
    return new URL(String(url)).origin;
  } catch {
    return null;
  }
}

/** robots.txt is small; a 500 KiB cap is what Google reads too. */
const ROBOTS_MAX_BYTES = 500 * 1024;

/** GETs that respect robots.txt, per-host limits and retry policy. Holds no state: make one per job if convenient. */
export class PoliteFetcher {
  private readonly limiter: HostLimiter;
  constructor(private readonly deps: PoliteFetcherDeps) {
    this.limiter = new HostLimiter(deps.redis, deps.prefix);
  }

  private unthrottled(url: URL): boolean {
    const list = this.deps.politeness.unthrottledHosts;
    return list.includes(url.host) || list.includes(url.hostname);
  }

  private async rawGet(url: URL, opts: FetchOptions, crawlDelayMs: number): Promise<FetchResult> {
    const p = this.deps.politeness;
    if (this.unthrottled(url)) return httpGet(url.href, opts);
    const slot = await this.limiter.acquire(url.host, {
      maxConcurrent: p.maxConcurrentPerHost,
      intervalMs: Math.max(p.minIntervalMs, Math.min(crawlDelayMs, p.maxCrawlDelayMs)),
      leaseMs: opts.timeoutMs + 5000,
    });
    try {
      return await httpGet(url.href, opts);
    } finally {
      await slot.release();
    }
  }

  /** Throw unless robots.txt of `url`'s origin allows it; returns the Crawl-delay in ms (0 when none). */
  private async checkRobots(url: URL, http: FetchOptions, rawUrl: string): Promise<number> {
    const rules = await this.robotsRules(url, http, rawUrl);
    if (rules.unreachable) {
      throw new FetchError('FETCH_NETWORK', `robots.txt of ${url.origin} cannot be read: not fetching its pages for now`, {
        retryable: true,
        url: rawUrl,
        retryAfterSeconds: 600,
      });
    }
    if (!isAllowedByRobots(rules, url.pathname + url.search)) {
      throw new FetchError('FETCH_FORBIDDEN', `robots.txt of ${url.origin} disallows ${url.pathname}${url.search}`, { retryable: false, url: rawUrl });
    }
    return (rules.crawlDelaySeconds ?? 0) * 1000;
  }

  /** robots.txt rules of `url`'s origin; a refused robots.txt target fails the page at once, naming the page. */
  private async robotsRules(url: URL, http: FetchOptions, rawUrl: string) {
    try {
      return await this.fetchRobotsRules(url, http);
    } catch (err) {
      if (err instanceof FetchError && err.code === 'FETCH_FORBIDDEN') {
        // why the page's URL: the job is about the page; its robots.txt shares its origin, so the page is refused too
        throw new FetchError('FETCH_FORBIDDEN', `${rawUrl}: ${err.message}`, { retryable: false, url: rawUrl, cause: err });
      }
      throw err;
    }
  }

  private async fetchRobotsRules(url: URL, http: FetchOptions) {
    return robotsFor(this.deps.redis, this.deps.prefix, url.origin, http.userAgent, async (robotsUrl) => {
      try {
        const res = await this.rawGet(
          new URL(robotsUrl),
          { ...http, accept: 'text/plain', headers: {}, maxBytes: ROBOTS_MAX_BYTES, beforeRedirect: undefined },
          0,
        );
        return { status: res.status, text: decodeBody(res.body, res.contentType) };
      } catch (err) {
        // why: a 4xx robots.txt means "no rules"; only 5xx and network failures mean "unreachable"
        if (err instanceof FetchError && err.status !== null && err.status >= 400 && err.status < 500) return { status: err.status, text: '' };
        // why only our own origin: a robots.txt that redirects to a refused target says nothing of the page's own
        // address (robots unreachable, retried later); a refused origin refuses the page too (robotsFor throws it)
        if (err instanceof FetchError && err.code === 'FETCH_FORBIDDEN' && originOf(err.details.url) !== url.origin) {
          throw new Error(`robots.txt redirected to a refused target: ${err.message}`, { cause: err });
        }
        throw err;
      }
    });
  }

  /** GET `rawUrl` politely. Throws FetchError; a retryable one that outlived the in-process retries may carry retryAfterSeconds. */
  async get(rawUrl: string, opts: PoliteGetOptions = {}): Promise<FetchResult> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new FetchError('FETCH_FORBIDDEN', `not a URL: ${rawUrl}`, { retryable: false, url: rawUrl });
    }
    const http: FetchOptions = { ...this.deps.http, accept: opts.accept ?? this.deps.http.accept, headers: { ...this.deps.http.headers, ...opts.headers } };
    let crawlDelayMs = 0;
    if (opts.robots) {
      crawlDelayMs = await this.checkRobots(url, http, rawUrl);
      // why: a page that redirects to another site is fetched under that site's robots.txt too
      http.beforeRedirect = async (next) => {
        // why by host name: the same host under another scheme shares the limiter slot this request holds
        if (next.hostname !== url.hostname) await this.checkRobots(next, http, next.href);
      };
    }
    return withRetries(() => this.rawGet(url, http, crawlDelayMs), this.deps.politeness.retry, {
      sleep: this.deps.sleep,
      random: this.deps.random,
      onRetry: this.deps.onRetry,
    });
  }
}
