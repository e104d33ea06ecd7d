/**
 * The data directory (`NEWSFLOW_HOME`, default `.newsflow/`) and the lock file that serializes starting and
 * stopping the embedded redis-server over it. Problems fail fast with a message naming the path and the cause.
 */
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../domain/errors.js';
import { processAlive } from './process-alive.js';

/** Create `dir` when missing; throw ConfigError when it is not a writable directory. */
export function checkDataDir(dir: string): void {
  const hint = 'set NEWSFLOW_HOME to a writable directory';
  try {
    makeDirs(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'it (or a parent) is a file, not a directory' : describe(err);
    throw new ConfigError(`cannot use data directory ${dir}: ${why}; ${hint}`, { path: dir });
  }
  if (!statSync(dir).isDirectory()) throw new ConfigError(`cannot use data directory ${dir}: it is a file, not a directory; ${hint}`, { path: dir });
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw new ConfigError(`cannot use data directory ${dir}: not writable (${describe(err)}); ${hint}`, { path: dir });
  }
}

/**
 * mkdir -p, one level at a time. why not `recursive: true`: Node's recursive mkdir loops forever where a parent
 * exists but refuses entries with ENOENT (/proc, some FUSE mounts)
 */
function makeDirs(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeDirs(parent);
  mkdirSync(dir);
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^\w+: /u, '')}` : String(e.message ?? err);
}

export interface LockOptions {
  /** Give up after this long with a clear error (default 20 s). */
  timeoutMs?: number;
  /** What the lock guards, for the error message. */
  purpose?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run `fn` holding an exclusive lock file (created with O_EXCL, holding the holder's pid). A lock whose holder
 * died is taken over at once; one held by a live process longer than the timeout is an error, not a wait forever.
 */
export async function withFileLock<T>(lockFile: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  let fd: number | null = null;
  while (fd === null) {
    try {
      fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
    } catch (err) {
      if (fd !== null) {
        closeSync(fd);
        rmSync(lockFile, { force: true });
        fd = null;
      }
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ConfigError(`cannot create lock file ${lockFile} (${describe(err)}); set NEWSFLOW_HOME to a writable directory`, { path: lockFile });
      }
      const holder = lockHolder(lockFile);
      // why: a holder killed with -9 never removes its lock; its pid tells us it is gone (an empty lock older than
      // a few seconds is one whose holder died between creating it and writing its pid)
      if (holder !== null ? !processAlive(holder) : ageMs(lockFile) > 5_000) {
        rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        const who = holder === null ? 'another process' : `process ${holder}`;
        throw new ConfigError(
          `${who} has held ${lockFile}${opts.purpose ? ` (${opts.purpose})` : ''} for over ${Math.round(timeoutMs / 1000)} s; ` +
            'if no newsflow command is running, delete that file',
          { path: lockFile },
        );
      }
      await sleep(25 + Math.random() * 50);
    }
  }
  try {
    return await fn();
  } finally {
    closeSync(fd);
    rmSync(lockFile, { force: true });
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The pid written in a lock file; null while it is being written (empty) or unreadable. */
function lockHolder(lockFile: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
