/**
 * What a bug in the quotes pass costs (src/extractors/pipeline.ts): through `extractPage`, only the quotes, with a
 * warning in the article's warnings; through `extractEntities` without an `onWarning` hook, the error itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { extractEntities, extractPage } from '../../../src/extractors/pipeline.js';

vi.mock('../../../src/extractors/quotes/index.js', () => ({
  findQuotes: () => {
    throw new Error('boom');
  },
}));

const page = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'pages', 'daily-ledger', 'chipmaker-earnings.html');
const TEXT = 'Ann Berg runs Acme Corp. "We will grow," Berg said on Monday.';

describe('a failing quotes pass', () => {
  it('extractPage keeps the entities, drops the quotes and says so', () => {
    const { article, entities } = extractPage({ html: readFileSync(page), url: 'http://x.test/a', contentType: 'text/html' });
    expect(entities?.quotes).toEqual([]);
    expect(entities?.people.length).toBeGreaterThan(0);
    expect(article.warnings).toContain('quotes: dropped after an error: boom');
  });

  it('extractEntities with an onWarning hook reports it there', () => {
    const warnings: string[] = [];
    const got = extractEntities(TEXT, {}, { onWarning: (pass, message) => warnings.push(`${pass}: ${message}`) });
    expect(got.quotes).toEqual([]);
    expect(warnings).toEqual(['quotes: dropped after an error: boom']);
  });

  it('extractEntities without one throws', () => {
    expect(() => extractEntities(TEXT)).toThrow('boom');
  });
});
