/**
 * The data directory (`NEWSFLOW_HOME`, default `.newsflow/`): problems fail fast with a message naming the path
 * and the cause.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../domain/errors.js';

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
