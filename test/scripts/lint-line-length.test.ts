/** scripts/lint-line-length.ts: which lines are over. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { biomeLineWidth, check, longLines } from '../../scripts/lint-line-length.js';

describe('longLines', () => {
  it.each([
    ['short', 'abc\nde', 3, []],
    ['one over', 'abcd\nab', 3, [{ line: 1, length: 4 }]],
    ['CRLF is not a character', 'abc\r\nabcd\r\n', 3, [{ line: 2, length: 4 }]],
    ['code points, not UTF-16 units', '→→→\n😀😀😀', 3, []],
    ['exactly the limit', 'abc', 3, []],
  ])('%s', (_name, text, limit, want) => {
    expect(longLines(text, limit)).toEqual(want);
  });
});

describe('biomeLineWidth', () => {
  it('reads the formatter width', () => expect(biomeLineWidth('{ "formatter": { "lineWidth": 160 } }')).toBe(160));
  it('fails without one', () => expect(() => biomeLineWidth('{}')).toThrow(/lineWidth/u));
});

describe('check', () => {
  const base = mkdtempSync(join(tmpdir(), 'line-length-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  mkdirSync(join(base, 'src', 'fixtures'), { recursive: true });
  writeFileSync(join(base, 'src', 'a.ts'), 'ok\nxxxxxx\n');
  writeFileSync(join(base, 'src', 'b.ts'), 'xxxxxx\nxxxxxx\n');
  writeFileSync(join(base, 'src', 'notes.txt'), 'xxxxxx\n');
  writeFileSync(join(base, 'src', 'fixtures', 'page.ts'), 'xxxxxx\n');

  it('names file:line:column; fixtures and other extensions skipped', () => {
    const got = check(base, ['src'], 5);
    expect(got.map((p) => p.split(' ')[0])).toEqual(['src/a.ts:2:6', 'src/b.ts:1:6', 'src/b.ts:2:6']);
  });
});
