/** `npm run train -- entities` explains where the corpora go when they are absent, and trains nothing. */
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../scripts/train/entities.js';

describe('train entities', () => {
  it('says what is missing and exits 2 when the corpora directory is absent', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await run(['--corpora', '/nonexistent/newsflow-corpora'])).toBe(2);
      const said = err.mock.calls.map((c) => String(c[0])).join('');
      expect(said).toContain('no corpora at /nonexistent/newsflow-corpora');
      expect(said).toContain('NEWSFLOW_CORPORA');
    } finally {
      err.mockRestore();
    }
  });
});
