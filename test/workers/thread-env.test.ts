/**
 * useEnvSnapshot (src/workers/thread-env.ts): the environment an extraction thread reads after the swap holds the
 * same variables, as a plain object.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useEnvSnapshot } from '../../src/workers/thread-env.js';

describe('useEnvSnapshot', () => {
  const live = process.env;
  afterEach(() => {
    process.env = live;
  });

  it('keeps every variable and makes process.env a plain object', () => {
    const before = { ...process.env };
    useEnvSnapshot();
    expect(process.env).not.toBe(live);
    expect(Object.getPrototypeOf(process.env)).toBe(Object.prototype);
    expect({ ...process.env }).toEqual(before);
    expect(process.env.DEBUG_TAGS).toBe(before.DEBUG_TAGS);
  });
});
