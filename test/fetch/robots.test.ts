import { afterAll, describe, expect, it } from 'vitest';
import { isAllowedByRobots, parseRobots, productToken, robotsFor, type RobotsFetcher } from '../../src/fetch/robots.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';

const TXT = `
# comments are ignored
User-agent: *
Disallow: /private/
Allow: /private/press/
Disallow: /*.pdf$
Crawl-delay: 2

User-agent: BadBot
User-agent: newsflow
Disallow: /drafts
Crawl-delay: 5

User-agent: other
Disallow: /
`;

describe('robots.txt', () => {
  it('takes the product token from the User-Agent', () => {
    expect(productToken('newsflow/0.1 (+https://example.org)')).toBe('newsflow');
  });

  const star = parseRobots(TXT, 'somebot/1.0');
  const own = parseRobots(TXT, 'newsflow/0.1');

  it.each([
    [star, '/news/story.html', true],
    [star, '/private/memo', false],
    [star, '/private/press/release', true], // longer Allow wins
    [star, '/files/report.pdf', false],
    [star, '/files/report.pdf?x=1', true], // $ anchors the end
    [own, '/private/memo', true], // own group replaces *
    [own, '/drafts/one', false],
    [star, '/robots.txt', true],
  ])('rules %#: %s', (rules, path, allowed) => {
    expect(isAllowedByRobots(rules, path)).toBe(allowed);
  });

  it('reads Crawl-delay from the matching group', () => {
    expect([star.crawlDelaySeconds, own.crawlDelaySeconds]).toEqual([2, 5]);
  });

  it('empty Disallow allows everything; unreachable robots disallow', () => {
    expect(isAllowedByRobots(parseRobots('User-agent: *\nDisallow:\n', 'x'), '/a')).toBe(true);
    expect(isAllowedByRobots({ rules: [], crawlDelaySeconds: null, unreachable: true }, '/a')).toBe(false);
  });
});

describe('robots.txt rules in Redis and in the worker process', () => {
  const redis = testRedis();
  const prefix = `${uniquePrefix('robots-memo')}:`;
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    await redis.quit();
  });
  const counting = (answer: () => { status: number; text: string }) => {
    const calls = { n: 0 };
    const fetcher: RobotsFetcher = async () => {
      calls.n++;
      return answer();
    };
    return { calls, fetcher };
  };

  it('fetches once, shares the rules through Redis, and reuses them in-process for a minute', async () => {
    const origin = 'http://memo.example';
    const { calls, fetcher } = counting(() => ({ status: 200, text: 'User-agent: *\nDisallow: /private/\n' }));
    const first = await robotsFor(redis, prefix, origin, 'newsflow/1', fetcher);
    expect(await redis.exists(`${prefix}robots:${origin}`)).toBe(1);
    await robotsFor(redis, prefix, origin, 'newsflow/1', fetcher); // read from Redis, now remembered
    await redis.del(`${prefix}robots:${origin}`);
    const third = await robotsFor(redis, prefix, origin, 'newsflow/1', fetcher); // no Redis read, no fetch
    expect(calls.n).toBe(1);
    expect(third).toEqual(first);
    expect(isAllowedByRobots(third, '/private/x')).toBe(false);
  });

  it('never remembers unreachable rules: once Redis forgets them, robots.txt is asked again', async () => {
    const origin = 'http://down.example';
    let up = false;
    const { calls, fetcher } = counting(() => {
      if (!up) throw new Error('connect ECONNREFUSED');
      return { status: 200, text: 'User-agent: *\nAllow: /\n' };
    });
    expect((await robotsFor(redis, prefix, origin, 'newsflow/1', fetcher)).unreachable).toBe(true);
    expect((await robotsFor(redis, prefix, origin, 'newsflow/1', fetcher)).unreachable).toBe(true); // from Redis
    await redis.del(`${prefix}robots:${origin}`);
    up = true;
    const now = await robotsFor(redis, prefix, origin, 'newsflow/1', fetcher);
    expect([now.unreachable, calls.n]).toEqual([false, 2]);
  });
});
