/**
 * Every fixture page still extracts to its golden file. After an intended change: `npm run goldens`,
 * then review `git diff fixtures/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePages, goldenOf, goldenPath } from '../../scripts/golden.js';

const root = resolve(import.meta.dirname, '..', '..');
const pages = fixturePages(root).filter((p) => existsSync(goldenPath(p)));

describe('fixture pages match their goldens', () => {
  it('has goldens', () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
  });
  it.each(pages.map((p) => [relative(root, p), p]))('%s', (_name, page) => {
    const expected = JSON.parse(readFileSync(goldenPath(page), 'utf8')) as unknown;
    expect(JSON.parse(JSON.stringify(goldenOf(root, page)))).toEqual(expected);
  });
});
