/**
 * robots.txt (RFC 9309) for article pages: parse once per origin, cache the rules in Redis, answer
 * "may we fetch this path?" and "how long between requests?" (Crawl-delay, a common extension).
 * Keys `<p>robots:<origin>` and its `:fetching` claim: docs/redis-keys.md.
 */
import type { Redis } from 'ioredis';
import { NewsflowError } from '../domain/errors.js';

export interface RobotsRule {
  allow: boolean;
  /** Path pattern: `*` matches any run of characters, a final `$` anchors the end. */
  path: string;
}

export interface RobotsRules {
  rules: RobotsRule[];
  /** Seconds between requests asked for by the matching group, null when none. */
  crawlDelaySeconds: number | null;
  /** True when robots.txt could not be read (5xx, network): RFC 9309 says assume full disallow for a while. */
  unreachable: boolean;
}

/** The product token a robots.txt group names: the first word of the User-Agent ("newsflow/0.1 (…)" → "newsflow"). */
export function productToken(userAgent: string): string {
  return (/^[A-Za-z_-]+/u.exec(userAgent.trim())?.[0] ?? userAgent).toLowerCase();
}

interface Group {
  agents: string[];
  rules: RobotsRule[];
  crawlDelay: number | null;
}

function parseGroups(text: string): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/u)) {
    const line = rawLine.replace(/#.*$/u, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/u.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      // why: consecutive user-agent lines share one group of rules
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], crawlDelay: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      // why: an empty Disallow means "everything allowed", it adds no rule
      if (value) current.rules.push({ allow: key === 'allow', path: value });
    } else if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.crawlDelay = n;
    }
  }
  return groups;
}

/** Rules that apply to `userAgent`: its own groups when robots.txt names it, the `*` groups otherwise. */
export function parseRobots(text: string, userAgent: string): RobotsRules {
  const token = productToken(userAgent);
  const groups = parseGroups(text);
  const own = groups.filter((g) => g.agents.some((a) => a !== '*' && token.startsWith(a)));
  const chosen = own.length ? own : groups.filter((g) => g.agents.includes('*'));
  const delays = chosen.map((g) => g.crawlDelay).filter((d): d is number => d !== null);
  return { rules: chosen.flatMap((g) => g.rules), crawlDelaySeconds: delays.length ? Math.max(...delays) : null, unreachable: false };
}

function patternMatches(pattern: string, path: string): number {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const re = new RegExp(
    `^${body
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/gu, '\\$&'))
      .join('.*')}${anchored ? '$' : ''}`,
    'u',
  );
  return re.test(path) ? body.length : -1;
}

/** RFC 9309 matching: the longest matching rule wins; on a tie Allow wins; no match means allowed. */
export function isAllowedByRobots(rules: RobotsRules, pathAndQuery: string): boolean {
  if (rules.unreachable) return false;
  if (pathAndQuery === '/robots.txt') return true;
  let best = -1;
  let allow = true;
  for (const r of rules.rules) {
    let path = pathAndQuery;
    try {
      path = decodeURI(pathAndQuery);
    } catch {
      // keep the raw path
    }
    const len = Math.max(patternMatches(r.path, pathAndQuery), patternMatches(r.path, path));
    if (len > best || (len === best && r.allow)) {
      best = len;
      allow = r.allow;
    }
  }
  return best < 0 ? true : allow;
}

export const ROBOTS_TTL_SECONDS = 24 * 3600;
const ROBOTS_FAILED_TTL_SECONDS = 3600;

/** How robots.txt is fetched: status and text, or a thrown error when the server cannot be reached. */
export type RobotsFetcher = (robotsUrl: string) => Promise<{ status: number; text: string }>;

/** How long a worker process reuses rules it read from Redis before reading them again. */
const MEMO_MS = 60_000;
const MEMO_MAX = 1000;
const memo = new Map<string, { rules: RobotsRules; until: number }>();

// why a per-process memo in front of Redis: every article page checks robots.txt, and that GET would be one more
// round trip per page; rules change daily, a minute of staleness is fine
function remember(key: string, rules: RobotsRules): RobotsRules {
  if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
  memo.set(key, { rules, until: Date.now() + MEMO_MS });
  return rules;
}

/**
 * Rules for `origin`, from the Redis cache or freshly fetched (4xx: no rules; 5xx or unreachable: disallow, retried
 * after an hour). A fetch refused with FETCH_FORBIDDEN is thrown as is, never cached.
 */
export async function robotsFor(redis: Redis, prefix: string, origin: string, userAgent: string, fetchRobots: RobotsFetcher): Promise<RobotsRules> {
  const key = `${prefix}robots:${origin}`;
  const known = memo.get(key);
  if (known && known.until > Date.now() && !known.rules.unreachable) return known.rules;
  const cached = await redis.get(key);
  if (cached) return remember(key, JSON.parse(cached) as RobotsRules);
  // why a claim: when a host's first pages are fetched by several workers at once, one of them reads robots.txt
  const claim = `${key}:fetching`;
  if ((await redis.set(claim, '1', 'PX', 15_000, 'NX')) !== 'OK') {
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      // why one MULTI: reading the rules and the claim apart races with the fetcher's own MULTI that sets one and drops the other
      const [[, now], [, pending]] = (await redis.multi().get(key).exists(claim).exec()) as [[unknown, string | null], [unknown, number]];
      if (now) return JSON.parse(now) as RobotsRules;
      if (!pending) break;
    }
  }
  let rules: RobotsRules;
  let ttl = ROBOTS_TTL_SECONDS;
  try {
    const res = await fetchRobots(`${origin}/robots.txt`);
    if (res.status >= 200 && res.status < 300) rules = parseRobots(res.text, userAgent);
    else if (res.status >= 400 && res.status < 500) rules = { rules: [], crawlDelaySeconds: null, unreachable: false };
    else throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    // why not cached as unreachable: a refused target (FETCH_FORBIDDEN: a private address, a scheme) is not a host
    // that may come back; its pages are refused too, so the caller fails them at once instead of retrying for hours
    if (err instanceof NewsflowError && err.code === 'FETCH_FORBIDDEN') {
      await redis.del(claim);
      throw err;
    }
    rules = { rules: [], crawlDelaySeconds: null, unreachable: true };
    ttl = ROBOTS_FAILED_TTL_SECONDS;
  }
  await redis.multi().set(key, JSON.stringify(rules), 'EX', ttl).del(claim).exec();
  return rules;
}
