/**
 * Issue 24, item 9: every numeric CLI option takes plain integers where integers are meant (seconds may have
 * decimals), and anything else is a usage error (exit 2) said before Redis is touched: the runs below point at a
 * port nothing listens on, so an option that slipped through would fail with exit 1 instead.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCount, parseDuration, parseSeconds } from '../../src/cli/args.js';
import { UsageError } from '../../src/domain/errors.js';
import { cli, cliProcess } from './harness.js';

// why port 1: nothing listens there, so a value that reached Redis would exit 1 (unreachable), not 2
const NOWHERE = 'redis://127.0.0.1:1';

describe('numeric options', () => {
  it.each([
    ['worker', '--concurrency', ['abc', '0', '-3', '1.5', '', ' 4', '0x10', '1e3', '257', '99999999999999999999']],
    ['worker', '--shutdown-timeout', ['abc', '0', '-1', '1e400', 'Infinity', '3601']],
    ['results', '--limit', ['abc', '0', '1.5', '-1', '1e2']],
    ['results', '--offset', ['-1', '1.5', '', 'x']],
    ['jobs articles', '--limit', ['0', '2.5', 'ten']],
    ['dupes', '--min-copies', ['1', '2.5']],
    ['dupes', '--limit', ['0', '-2']],
    ['export', '--batch', ['0', '1.5', '1e3']],
    ['clean articles --state failed', '--limit', ['-1', '0.5', '']],
    ['clean articles --state failed', '--older-than', ['1e400', '-5m', `${'9'.repeat(400)}d`]],
    ['watch', '--count', ['0', '1.5', 'abc', '-1']],
    ['watch', '--interval', ['abc', '2d', '1e3']],
    ['replay', '--port', ['65536', '-1', '80.5', 'http']],
    ['replay', '--timeout', ['0', '-5', 'Infinity', '1e400']],
    ['schedule sync', '--resync', ['0s', '1e400', `${'9'.repeat(40)}d`]],
  ] as const)('%s %s refuses bad values with exit 2', async (command, flag, values) => {
    for (const value of values) {
      const r = await cli(NOWHERE, ...command.split(' '), flag, value);
      expect([r.code, value]).toEqual([2, value]);
      expect(r.err).toContain(`${flag} `);
      expect(r.err).toContain(`"${value}"`);
      expect(r.err).not.toMatch(/\n\s+at /u);
      expect(r.out).toBe('');
    }
  });

  it.each([
    ['7', 7],
    ['007', 7],
    ['256', 256],
  ] as const)('parseCount(%j) = %d', (v, n) => {
    expect(parseCount('--x', v, 1, 256)).toBe(n);
  });

  it('reads seconds with decimals and durations with units', () => {
    expect([parseSeconds('--t', '0.5'), parseSeconds('--t', '30')]).toEqual([0.5, 30]);
    expect([parseDuration('--d', '90s'), parseDuration('--d', '1.5h'), parseDuration('--d', '30')]).toEqual([90_000, 5_400_000, 30_000]);
    expect(() => parseDuration('--d', `${'9'.repeat(400)}w`)).toThrow(UsageError);
  });

  it('feeds add --every/--cron: a bad schedule is a usage error, and the file is not touched', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'newsflow-usage-')), 'feeds.yaml');
    for (const [flag, value] of [
      ['--every', 'abc'],
      ['--every', '1e400'],
      ['--every', '10s'],
      ['--cron', '* * * * * *'],
      ['--cron', 'hourly'],
    ] as const) {
      const r = await cli(NOWHERE, 'feeds', 'add', 'http://x.example/rss', flag, value, '--config', config);
      expect([r.code, value]).toEqual([2, value]);
      expect(r.err).toMatch(new RegExp(`^newsflow: ${flag} `, 'u'));
      expect(existsSync(config)).toBe(false);
    }
  });

  it('worker --concurrency 0 as a process: exit 2, one line of reason, no stack', async () => {
    const r = await cliProcess(['worker', '--concurrency', '0'], { REDIS_URL: NOWHERE });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^newsflow: --concurrency must be an integer from 1 to 256, got "0"\n\(add --help/u);
    expect(r.err).not.toMatch(/EPIPE|\n\s+at /u);
  });
});
