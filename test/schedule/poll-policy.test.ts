import { describe, expect, it } from 'vitest';
import { failureBackoffMs, freshUntil, pollDecision } from '../../src/schedule/poll-policy.js';

const NOW = new Date('2026-01-01T12:00:00Z');
const MIN = 60_000;
const healthy = { backoffUntil: null, freshUntil: null, consecutiveFailures: 0 };

describe('failing feeds back off but are never dropped', () => {
  it.each([
    [0, 0],
    [1, 5 * MIN],
    [2, 10 * MIN],
    [5, 80 * MIN],
    [9, 1280 * MIN],
    [10, 1440 * MIN],
    [500, 1440 * MIN],
  ])('%i failures in a row → %i ms', (n, ms) => expect(failureBackoffMs(n)).toBe(ms));

  it.each([
    ['healthy feed', healthy, 'schedule', true],
    ['backing off', { ...healthy, consecutiveFailures: 3, backoffUntil: '2026-01-01T12:30:00Z' }, 'schedule', false],
    ['backoff over', { ...healthy, consecutiveFailures: 3, backoffUntil: '2026-01-01T11:59:00Z' }, 'schedule', true],
    ['manual poll ignores backoff', { ...healthy, consecutiveFailures: 3, backoffUntil: '2026-01-01T12:30:00Z' }, 'manual', true],
    ['fresh per ttl', { ...healthy, freshUntil: '2026-01-01T13:00:00Z' }, 'schedule', false],
    ['freshness ends within the grace minute', { ...healthy, freshUntil: '2026-01-01T12:00:30Z' }, 'schedule', true],
  ] as const)('%s', (_l, state, trigger, poll) => {
    expect(pollDecision(state, NOW, trigger).poll).toBe(poll);
  });
});

describe('RSS ttl and Cache-Control', () => {
  it.each([
    [null, null, null],
    [60, null, '2026-01-01T13:00:00.000Z'],
    [null, 600, '2026-01-01T12:10:00.000Z'],
    [30, 7200, '2026-01-01T14:00:00.000Z'],
    [100_000, null, '2026-01-02T12:00:00.000Z'], // capped at a day
  ])('ttl %s min, max-age %s s → fresh until %s', (ttl, maxAge, expected) => {
    expect(freshUntil(NOW, ttl, maxAge)).toBe(expected);
  });
});
