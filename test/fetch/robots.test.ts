import { describe, expect, it } from 'vitest';
import { isAllowedByRobots, parseRobots, productToken } from '../../src/fetch/robots.js';

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
