import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeHtml, decodeHtmlChunks } from '../../../src/extractors/article/charset.js';
import { nestingDepth, nestingDepthOfUtf8 } from '../../../src/extractors/article/guard.js';
import { PageText } from '../../../src/extractors/article/page-text.js';
import { fixturePages } from '../../../scripts/golden.js';

const cut = (s: string, size: number) => Array.from({ length: Math.ceil(s.length / size) }, (_, i) => s.slice(i * size, (i + 1) * size));

describe('decodeHtmlChunks', () => {
  const pages: Array<[string, Buffer, string | null]> = [
    ['ASCII', Buffer.from('<p>plain</p>'.repeat(5000)), 'text/html'],
    ['UTF-8 with multi-byte characters at every offset', Buffer.from('<p>Zoë ‘quoted’ 😀 x</p>'.repeat(3000)), 'text/html; charset=utf-8'],
    ['UTF-8 under a stale legacy label', Buffer.from('<p>café – déjà vu</p>'.repeat(3000)), 'text/html; charset=iso-8859-1'],
  ];
  it.each(pages)('%s: the pieces join to what decodeHtml gives', (_name, buf, ct) => {
    const chunks = decodeHtmlChunks(buf, ct);
    expect(chunks).not.toBeNull();
    expect(chunks!.length).toBeGreaterThan(1);
    expect(chunks!.join('')).toBe(decodeHtml(buf, ct).text);
  });
  it('gives no pieces where decodeHtml does not read UTF-8 (BOM, legacy bytes, invalid UTF-8)', () => {
    expect(decodeHtmlChunks(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), null)).toBeNull();
    expect(decodeHtmlChunks(Buffer.from('caf\xe9', 'latin1'), 'text/html; charset=iso-8859-1')).toBeNull();
    expect(decodeHtmlChunks(Buffer.from([0x41, 0xc3, 0x28]), 'text/html; charset=utf-8')).toBeNull();
  });
});

describe('nestingDepthOfUtf8', () => {
  const root = new URL('../../../', import.meta.url).pathname;
  const samples = [
    ...fixturePages(root).map((f) => readFileSync(f)),
    Buffer.from('<div>é<span>ü<b/><script>x = "<div>"</script><SCRIPT>"<p>"</SCRIPT><td>–</div>'.repeat(40)),
    Buffer.from(`${'<div>’'.repeat(1200)}`),
    Buffer.from('<é<div>'),
  ];
  it('reads the same depth from the bytes as nestingDepth from the text', () => {
    for (const b of samples) {
      for (const cap of [3, 1000]) expect(nestingDepthOfUtf8(b, cap)).toBe(nestingDepth(b.toString('utf8'), cap));
    }
  });
});

describe('PageText', () => {
  const text = 'one two three — four five six seven eight nine ten';
  it('slices across pieces as the joined string does', () => {
    for (const size of [1, 2, 3, 7, 100]) {
      const t = new PageText(cut(text, size));
      expect(t.length).toBe(text.length);
      for (const [a, b] of [
        [0, 5],
        [3, 17],
        [10, 200],
        [40, 41],
        [50, 50],
      ] as const)
        expect(t.slice(a, b)).toBe(text.slice(a, b));
    }
  });
  it('finds the first match across seams, as a search of the joined string does', () => {
    const find = (s: string, from: number) => {
      const m = /seven|five six|e/gu;
      m.lastIndex = from;
      const r = m.exec(s);
      return r ? { index: r.index, length: r[0].length } : null;
    };
    for (const size of [1, 2, 3, 4, 9, 100]) {
      const t = new PageText(cut(text, size));
      for (let from = 0; from <= text.length; from++) expect(t.search(from, 8, find)).toEqual(find(text, from));
    }
  });
});
