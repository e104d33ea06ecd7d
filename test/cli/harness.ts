/**
 * Driving the CLI in tests: a capturing Io for in-process runs, and a real child process running the CLI
 * from source (node --import tsx), both against the test redis-server with a unique prefix.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { run } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const FIXTURES = resolve(ROOT, 'fixtures');

export interface Captured {
  code: number;
  out: string;
  err: string;
}

/** An Io that records what a command writes (not a terminal: no colours, no progress bars). */
export function captureIo(tty = false): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (s) => stdout.push(s), err: (s) => stderr.push(s), isTTY: tty, errIsTTY: tty, columns: 100 };
}

/** Run the CLI in this process with `--redis-url`; the prefix comes from process.env.NEWSFLOW_PREFIX. */
export async function cli(redisUrl: string, ...argv: string[]): Promise<Captured> {
  const io = captureIo();
  const code = await run([...argv, '--redis-url', redisUrl], io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

/** Run the CLI as a real process (from source, through tsx). */
export function cliProcess(argv: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Captured> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli/entry.ts'), ...argv], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`newsflow ${argv.join(' ')} timed out; stderr: ${err}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code: code ?? -1, out, err });
    });
  });
}
