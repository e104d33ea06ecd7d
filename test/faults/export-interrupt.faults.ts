/**
 * Issue 24, item 5: `export --out FILE` writes a temporary file and renames it at the end. A real export process is
 * interrupted (SIGINT, then SIGTERM) while it writes: FILE keeps its previous content and no temporary file is left.
 * Then an export that finishes replaces FILE whole.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/domain/types.js';
import { encodeRecord } from '../../src/store/record-codec.js';
import { storeKeys } from '../../src/store/keys.js';
import { cliProcess } from '../cli/harness.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { sleep, waitFor } from '../helpers/wait.js';
import { testArticle } from '../helpers/article.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const RECORDS = 4000;
const prefix = `${uniquePrefix('exportint')}:`;
const redis = testRedis();
const dir = mkdtempSync(join(tmpdir(), 'newsflow-export-int-'));

beforeAll(async () => {
  const keys = storeKeys(prefix);
  const text = 'A paragraph of body text that makes each line of the export a few hundred bytes long. '.repeat(4);
  for (let i = 0; i < RECORDS; i += 500) {
    const pipe = redis.pipeline();
    for (let j = i; j < Math.min(RECORDS, i + 500); j++) {
      const id = j.toString(16).padStart(20, '0');
      const at = new Date(Date.UTC(2020, 0, 1) + j * 60_000).toISOString();
      const record: ArticleRecord = {
        id,
        url: `https://news.example/${id}`,
        sourceUrl: `https://news.example/${id}`,
        feedId: null,
        feedUrl: null,
        fetchedAt: at,
        storedAt: at,
        storyId: null,
        article: testArticle({ title: `Story ${j}`, publishedAt: at, text }),
        entities: { people: [], organizations: [], dates: [], quotes: [] },
      };
      pipe.set(keys.article(id), encodeRecord(record)).zadd(keys.byTime, Date.parse(at), id);
    }
    await pipe.exec();
  }
}, 60_000);

afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
  rmSync(dir, { recursive: true, force: true });
});

/** Start `newsflow export --out <out> --batch 1`, signal it once its temporary file exists; resolves to its exit. */
async function interrupted(out: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; sawTmp: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli/entry.ts'), 'export', '--out', out, '--batch', '1'], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: testRedisUrl(), NEWSFLOW_PREFIX: prefix, LOG_LEVEL: 'silent', NO_COLOR: '1' },
    stdio: 'ignore',
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, sig) => r({ code, signal: sig })));
  const tmpFiles = () => readdirSync(dir).filter((n) => n.endsWith('.tmp'));
  const sawTmp = await waitFor(() => tmpFiles().length > 0, 60_000);
  // why a short wait: some records are written into the temporary file before the signal
  await sleep(200);
  child.kill(signal);
  return { ...(await exited), sawTmp };
}

describe('export --out, interrupted', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal}: FILE keeps its content, no temporary file is left`, async () => {
      const out = join(dir, `articles-${signal}.ndjson`);
      writeFileSync(out, 'the previous export\n');
      const r = await interrupted(out, signal);
      expect(r.sawTmp).toBe(true);
      expect(r.signal).toBe(signal);
      expect(readFileSync(out, 'utf8')).toBe('the previous export\n');
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }, 90_000);
  }

  it('an export that finishes replaces FILE whole', async () => {
    const out = join(dir, 'articles-whole.ndjson');
    writeFileSync(out, 'the previous export\n');
    const r = await cliProcess(['export', '--out', out, '--json'], { REDIS_URL: testRedisUrl(), NEWSFLOW_PREFIX: prefix }, 90_000);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ written: RECORDS, skipped: 0 });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(RECORDS);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 90_000);
});
