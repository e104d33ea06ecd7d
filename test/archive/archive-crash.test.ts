/**
 * kill -9 of a real `newsflow archive` process inside its first batch — with half a gzip member written, with the
 * member fsynced but not indexed, and with it indexed but nothing deleted from Redis yet — then a re-run: every
 * record ends up in the archive exactly once and nowhere else, and no record is lost at any point.
 * The process stops at each point through NEWSFLOW_ARCHIVE_TEST_PAUSE (src/cli/commands/archive.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/domain/types.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { cli } from '../cli/harness.js';
import { scratchSpace, testRedisUrl } from '../helpers/redis.js';
import { record } from './_records.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const scratch = scratchSpace();
const { redis } = scratch;

/** Start `newsflow archive` and SIGKILL it as soon as it reports the pause point. */
function archiveKilledAt(point: string, env: Record<string, string>): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/entry.ts', 'archive', '--before', '2026-03-01', '--batch', '10', '--redis-url', testRedisUrl()],
      {
        cwd: ROOT,
        env: { ...process.env, ...env, NEWSFLOW_ARCHIVE_TEST_PAUSE: point, LOG_LEVEL: 'silent', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`archive never paused at ${point}: ${stderr}`));
    }, 60_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes(`paused at ${point}`)) child.kill('SIGKILL');
    });
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      done({ signal, stderr });
    });
  });
}

/** Ids on the lines of every day file (whole members only: a torn tail is what the re-run must cut). */
function archivedIds(dir: string): string[] {
  const ids: string[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.ndjson.gz'))
    .sort()) {
    for (const line of gunzipSync(readFileSync(join(dir, f)))
      .toString('utf8')
      .split('\n'))
      if (line) ids.push((JSON.parse(line) as ArticleRecord).id);
  }
  return ids;
}

describe('kill -9 of the archiver inside a batch, then a re-run', () => {
  it.each(['torn-write', 'written', 'indexed'])(
    'killed at %s: nothing lost, nothing archived twice',
    async (point) => {
      const prefix = scratch.prefix('archive-kill');
      const dir = scratch.dir('archive-kill');
      const store = new ArticleStore(redis, prefix);
      const old: ArticleRecord[] = [];
      for (let i = 0; i < 25; i++) {
        const r = record(`e${String(i).padStart(19, '0')}`, {
          storedAt: `2026-02-0${1 + (i % 2)}T10:${String(i).padStart(2, '0')}:00.000Z`,
          companies: ['Oracle'],
        });
        old.push(r);
        await store.save(r);
      }
      const keep = record('f0000000000000000000', { storedAt: '2026-03-02T10:00:00.000Z', companies: ['Oracle'] });
      await store.save(keep);
      const env = { NEWSFLOW_PREFIX: prefix, NEWSFLOW_ARCHIVE_DIR: dir };

      const killed = await archiveKilledAt(point, env);
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      // at the kill: every record is in Redis still (the first batch's delete never ran)
      expect(await store.count()).toBe(26);
      const gz = join(dir, '2026-02-01.ndjson.gz');
      expect(existsSync(gz)).toBe(true);
      if (point === 'torn-write') expect(() => gunzipSync(readFileSync(gz))).toThrow();
      if (point === 'written') expect(existsSync(join(dir, '2026-02-01.ids'))).toBe(false);
      if (point === 'indexed') expect(archivedIds(dir).length).toBeGreaterThan(0);
      const sizeAtKill = statSync(gz).size;

      process.env.NEWSFLOW_PREFIX = prefix;
      process.env.NEWSFLOW_ARCHIVE_DIR = dir;
      try {
        const rerun = await cli(testRedisUrl(), 'archive', '--before', '2026-03-01', '--batch', '10', '--json');
        expect(rerun.code, rerun.err).toBe(0);
        const report = JSON.parse(rerun.out) as { moved: number; alreadyArchived: number; repaired: Array<{ cutBytes: number; indexedIds: number }> };
        expect(report.moved + report.alreadyArchived).toBe(25);
        if (point === 'torn-write') expect(report.repaired[0]?.cutBytes).toBeGreaterThan(0);
        if (point === 'written') expect(report.repaired[0]?.indexedIds).toBeGreaterThan(0);
        if (point === 'indexed') expect(report.alreadyArchived).toBeGreaterThan(0);
        console.log(
          `killed at ${point}: ${sizeAtKill} B in 2026-02-01.ndjson.gz at the kill; re-run moved ${report.moved}, found ${report.alreadyArchived} ` +
            `already archived, repaired ${JSON.stringify(report.repaired)}`,
        );
      } finally {
        delete process.env.NEWSFLOW_PREFIX;
        delete process.env.NEWSFLOW_ARCHIVE_DIR;
      }

      // exactly once in the archive, as stored; gone from Redis; the fresh record untouched
      const ids = archivedIds(dir);
      expect(ids.slice().sort()).toEqual(old.map((r) => r.id).sort());
      expect(new Set(ids).size).toBe(ids.length);
      const lines = readdirSync(dir)
        .filter((n) => n.endsWith('.ndjson.gz'))
        .flatMap((f) =>
          gunzipSync(readFileSync(join(dir, f)))
            .toString('utf8')
            .split('\n')
            .filter(Boolean),
        );
      expect(lines.map((l) => JSON.parse(l) as ArticleRecord).sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(old);
      // the index lists the same ids as the files
      const indexed = readdirSync(dir)
        .filter((n) => n.endsWith('.ids'))
        .flatMap((f) =>
          readFileSync(join(dir, f), 'utf8')
            .split('\n')
            .filter(Boolean)
            .flatMap((l) => l.split('\t')[1]!.split(',')),
        );
      expect(indexed.sort()).toEqual(ids.slice().sort());
      expect(await store.count()).toBe(1);
      expect(await store.get(keep.id)).toEqual(keep);
      expect(await redis.zrange(`${prefix}rank:company`, '0', '-1', 'WITHSCORES')).toEqual(['oracle', '1']);
    },
    90_000,
  );
});
