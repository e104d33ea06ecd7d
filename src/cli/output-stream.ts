/**
 * A line writer for long outputs (export): honours backpressure so a slow pipe or disk never makes the
 * process buffer the whole export, and stops quietly when the reader goes away (`| head`).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { NewsflowError } from '../domain/errors.js';
import type { Io } from './output.js';

export interface LineWriter {
  write(s: string): Promise<void>;
  /** True once the reader closed the pipe: stop producing. */
  readonly closed: boolean;
  /** Finish: flush, and for a file, put it in place. */
  end(): Promise<void>;
  /** Give up after a failure: for a file, remove what was written and leave the target as it was. */
  abort(): Promise<void>;
}

function streamWriter(stream: Writable, ownsStream: boolean): Omit<LineWriter, 'abort'> {
  let closed = false;
  let failure: Error | null = null;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') closed = true;
    else failure = err;
  });
  return {
    get closed() {
      return closed;
    },
    async write(s) {
      if (failure) throw new NewsflowError('CONFIG', `cannot write the export: ${(failure as Error).message}`);
      if (closed) return;
      if (!stream.write(s))
        await new Promise<void>((resolve) => {
          const done = () => {
            stream.off('drain', done);
            stream.off('close', done);
            resolve();
          };
          stream.once('drain', done);
          stream.once('close', done);
        });
    },
    async end() {
      if (!ownsStream) return;
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
      });
      if (failure) throw new NewsflowError('CONFIG', `cannot write the export: ${(failure as Error).message}`);
    },
  };
}

/**
 * A writer to `path` through a temporary file beside it (same directory, so the rename is atomic): `end()` renames
 * it over `path`, `abort()` removes it. Until then an existing `path` is untouched, and a reader never sees half a file.
 */
export async function fileWriter(path: string): Promise<LineWriter> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`);
  const stream = createWriteStream(tmp, { flags: 'wx' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new NewsflowError('CONFIG', `cannot write ${path}: ${err.message}`)));
  });
  const inner = streamWriter(stream, true);
  // why: Ctrl-C (or a supervisor's SIGTERM) during a long export must not leave the hidden temporary file behind;
  // the listener is gone once it ran, so raising the signal again ends the process the default way
  const onSignal = (signal: NodeJS.Signals) => {
    unhook();
    rmSync(tmp, { force: true });
    process.kill(process.pid, signal);
  };
  const unhook = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const discard = () => {
    unhook();
    return rm(tmp, { force: true }).catch(() => {});
  };
  return {
    get closed() {
      return inner.closed;
    },
    write: (s) => inner.write(s),
    async end() {
      try {
        await inner.end();
        await rename(tmp, path);
        unhook();
      } catch (err) {
        await discard();
        throw err instanceof NewsflowError ? err : new NewsflowError('CONFIG', `cannot write ${path}: ${(err as Error).message}`);
      }
    },
    async abort() {
      stream.destroy();
      await discard();
    },
  };
}

/** A writer to the command's stdout: the real stream when io has one, else io.out (tests). */
export function stdoutWriter(io: Io): LineWriter {
  if (io.outStream) {
    // why not a spread: it would copy `closed` once instead of keeping its getter
    const inner = streamWriter(io.outStream, false);
    return Object.assign(inner, { abort: async () => {} });
  }
  return { closed: false, write: async (s) => io.out(s), end: async () => {}, abort: async () => {} };
}
