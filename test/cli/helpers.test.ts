/** The CLI's small pure helpers: argument parsing, CSV quoting, the progress bar, relative times. */
import { describe, expect, it } from 'vitest';
import { parseCount, parseDuration, parseQueueOrAll } from '../../src/cli/args.js';
import { csvField } from '../../src/cli/format-export.js';
import { relTime, shortDuration } from '../../src/cli/format.js';
import { jobSubject } from '../../src/cli/job-view.js';
import { progressBar, renderBar } from '../../src/cli/progress.js';
import { UsageError } from '../../src/domain/errors.js';

describe('parseDuration', () => {
  it.each([
    ['90', 90_000],
    ['30s', 30_000],
    ['500ms', 500],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1.5h', 5_400_000],
    ['7d', 604_800_000],
    ['1w', 604_800_000],
  ])('%s → %i ms', (s, ms) => expect(parseDuration('--x', s)).toBe(ms));

  it.each(['', 'soon', '-1h', '5y', 'h'])('rejects %j as a usage error', (s) => expect(() => parseDuration('--x', s)).toThrow(UsageError));
});

describe('jobSubject', () => {
  it.each([
    [{ url: 'https://a.example/x', feedId: 'f' }, 'https://a.example/x'],
    [{ kind: 'batch' }, 'dedup inbox'],
    [{ other: 1 }, null],
    [null, null],
  ])('%j → %j', (data, subject) => expect(jobSubject(data)).toBe(subject));
});

describe('other arguments', () => {
  it('counts and queues', () => {
    expect(parseCount('--limit', '5')).toBe(5);
    expect(parseCount('--limit', '0', 0)).toBe(0);
    expect(() => parseCount('--limit', '0')).toThrow(UsageError);
    expect(() => parseCount('--limit', '2.5')).toThrow(UsageError);
    expect(parseQueueOrAll('all')).toEqual(['feeds', 'articles', 'dedup']);
    expect(parseQueueOrAll('dedup')).toEqual(['dedup']);
    expect(() => parseQueueOrAll('bull')).toThrow(/use one of feeds, articles, dedup/u);
  });
});

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [42, '42'],
    [null, ''],
  ] as const)('%j → %s', (v, out) => expect(csvField(v)).toBe(out));
});

describe('relative times', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it.each([
    [now - 4_000, '4s ago'],
    [now - 12 * 60_000, '12m ago'],
    [now + 3 * 3_600_000, 'in 3h'],
    [now - 5 * 86_400_000, '5d ago'],
    [null, '—'],
    [0, '—'],
  ] as const)('%s → %s', (ts, out) => expect(relTime(ts, now)).toBe(out));
  it('short durations', () => expect(shortDuration(59_000)).toBe('59s'));
});

describe('progress bar', () => {
  it('renders a known total as a bar with a percentage', () => {
    const line = renderBar('export', 50, 200, '48 written', 80, 1500);
    expect(line).toMatch(/^export \[█+░+\] {2}25% 48 written 1\.5s$/u);
    expect(line.length).toBeLessThan(80);
  });

  it('renders an unknown total as a counter', () => expect(renderBar('scan', 7, null, 'items', 80, 0)).toBe('scan 7 items 0.0s'));

  it('draws only on a terminal, throttled, and erases itself', () => {
    const written: string[] = [];
    let t = 0;
    const bar = progressBar('x', { write: (s) => written.push(s), isTTY: true, columns: 60 }, { now: () => t });
    bar.update(1, 10);
    bar.update(2, 10); // within 100 ms: skipped
    t = 150;
    bar.update(3, 10);
    bar.update(10, 10); // the final state is always drawn
    bar.stop();
    expect(written).toHaveLength(4);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for terminal escape sequences (ESC [)
    expect(written[0]).toMatch(/^\r\x1b\[K/u);
    expect(written[3]).toBe('\r\x1b[K');
    const off: string[] = [];
    const quiet = progressBar('x', { write: (s) => off.push(s), isTTY: false });
    quiet.update(1, 2);
    quiet.stop();
    expect(off).toEqual([]);
  });
});
