/**
 * A small progress bar for stderr: drawn only on a terminal (never into a pipe or a file), redrawn at most
 * ten times a second, erased on stop so the command's own output starts on a clean line.
 */

export interface ProgressSink {
  write: (s: string) => void;
  isTTY: boolean;
  /** Terminal width (columns); 80 when unknown. */
  columns?: number;
}

export interface ProgressBar {
  /** Set the position (`done` of `total`; total null = unknown) and a short label. */
  update(done: number, total: number | null, label?: string): void;
  /** Erase the bar. */
  stop(): void;
}

const NOOP: ProgressBar = { update: () => {}, stop: () => {} };

/** The stderr of this process as a progress sink. */
export function stderrSink(): ProgressSink {
  return { write: (s) => process.stderr.write(s), isTTY: Boolean(process.stderr.isTTY), columns: process.stderr.columns };
}

/** Render one bar line (pure; exported for tests). */
export function renderBar(title: string, done: number, total: number | null, label: string, columns = 80, elapsedMs = 0): string {
  const secs = `${(elapsedMs / 1000).toFixed(1)}s`;
  if (total === null || total <= 0) return `${title} ${done} ${label} ${secs}`.slice(0, columns - 1);
  const frac = Math.min(1, Math.max(0, done / total));
  const tail = ` ${String(Math.round(frac * 100)).padStart(3)}% ${label || `${done}/${total}`} ${secs}`;
  const width = Math.max(10, Math.min(40, columns - title.length - tail.length - 4));
  const full = Math.round(frac * width);
  return `${title} [${'█'.repeat(full)}${'░'.repeat(width - full)}]${tail}`.slice(0, columns - 1);
}

/** A progress bar on `sink`; a no-op when the sink is not a terminal or `enabled` is false. */
export function progressBar(title: string, sink: ProgressSink = stderrSink(), opts: { enabled?: boolean; now?: () => number } = {}): ProgressBar {
  if (!sink.isTTY || opts.enabled === false) return NOOP;
  const now = opts.now ?? Date.now;
  const started = now();
  let last = 0;
  let drawn = false;
  return {
    update(done, total, label = '') {
      const t = now();
      // why: redrawing on every item floods slow terminals; the final state is drawn by the caller's last update
      if (drawn && t - last < 100 && !(total !== null && done >= total)) return;
      last = t;
      drawn = true;
      sink.write(`\r\x1b[K${renderBar(title, done, total, label, sink.columns ?? 80, t - started)}`);
    },
    stop() {
      if (drawn) sink.write('\r\x1b[K');
      drawn = false;
    },
  };
}
