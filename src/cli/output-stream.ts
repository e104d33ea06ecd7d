/**
 * A line writer for long outputs (export): honours backpressure so a slow pipe or disk never makes the
 * process buffer the whole export, and stops quietly when the reader goes away (`| head`).
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { NewsflowError } from '../domain/errors.js';
import type { Io } from './output.js';

export interface LineWriter {
  write(s: string): Promise<void>;
  /** True once the reader closed the pipe: stop producing. */
  readonly closed: boolean;
  end(): Promise<void>;
}

function streamWriter(stream: Writable, ownsStream: boolean): LineWriter {
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
      if (!stream.write(s)) await new Promise<void>((resolve) => {
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

/** A writer to a file (created or truncated). */
export async function fileWriter(path: string): Promise<LineWriter> {
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new NewsflowError('CONFIG', `cannot write ${path}: ${err.message}`)));
  });
  return streamWriter(stream, true);
}

/** A writer to the command's stdout: the real stream when io has one, else io.out (tests). */
export function stdoutWriter(io: Io): LineWriter {
  if (io.outStream) return streamWriter(io.outStream, false);
  return { closed: false, write: async (s) => io.out(s), end: async () => {} };
}
