/**
 * Every `npm run eval` task module loads and exports `evaluate` (CI runs no eval: the sets live outside the repo,
 * so a module that fails to compile would otherwise only show as "eval <task>: not available").
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../scripts/eval');
const tasks = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_'));

describe('eval task modules', () => {
  it.each(tasks)('%s loads and exports evaluate', async (file) => {
    const mod = (await import(join(dir, file))) as { evaluate?: unknown };
    expect(typeof mod.evaluate).toBe('function');
  });
});
