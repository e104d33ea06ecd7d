/**
 * Command output: JSON for --json, aligned tables otherwise; colours only on a TTY and never with NO_COLOR.
 */
import type { Writable } from 'node:stream';
import { createColors } from 'picocolors';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether stdout is a terminal (colours, progress). */
  isTTY: boolean;
  /** Whether stderr is a terminal (progress bars); false when absent. */
  errIsTTY?: boolean;
  /** Terminal width for progress bars (80 when unknown). */
  columns?: number;
  /** The real stdout stream, for long outputs that must honour backpressure (export); absent in tests. */
  outStream?: Writable;
}

let stdoutGone = false;
let watchingStdout = false;

/** Write to stdout; once the reader has gone (`newsflow … | head`), drop output quietly and let the command finish. */
function writeStdout(s: string): void {
  if (!watchingStdout) {
    watchingStdout = true;
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') stdoutGone = true;
      else throw err;
    });
  }
  if (!stdoutGone) process.stdout.write(s);
}

export const processIo: Io = {
  out: writeStdout,
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
  columns: process.stderr.columns,
  outStream: process.stdout,
};

/** Stderr of `io` as a progress-bar sink (a terminal only when io says so). */
export function errSink(io: Io) {
  return { write: io.err, isTTY: Boolean(io.errIsTTY), columns: io.columns };
}

// why forced: whether to colour is decided here (io.isTTY, NO_COLOR), not by picocolors' own look at process.stdout
const pc = createColors(true);

/** Colour functions that are identity off a terminal or with NO_COLOR set. */
export function colors(io: Io) {
  const on = io.isTTY && !process.env.NO_COLOR;
  const wrap = (f: (s: string) => string) => (s: string) => (on ? f(s) : s);
  return { bold: wrap(pc.bold), dim: wrap(pc.dim), red: wrap(pc.red), green: wrap(pc.green), yellow: wrap(pc.yellow), cyan: wrap(pc.cyan) };
}

export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** Width-aware plain table (no box drawing: copy-paste friendly). */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(cells[0]!), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n')}\n`;
}

export function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
