/**
 * `schedule sync --watch`: sync now, again whenever the config file changes (polled: works on Docker bind
 * mounts and editors that replace files), and periodically (repairs schedulers removed by hand or a flushed
 * Redis), until the signal aborts. A broken config edit is reported and the last good schedule kept.
 */
import { unwatchFile, watchFile } from 'node:fs';
import type { FeedsConfig } from './feeds-config.js';
import type { SyncReport } from './sync.js';

export interface WatchOptions {
  path: string;
  load: (path: string) => Promise<FeedsConfig>;
  sync: (config: FeedsConfig) => Promise<SyncReport>;
  /** Full re-sync period. */
  resyncMs: number;
  /** How often the file's mtime is checked. */
  pollMs: number;
  signal: AbortSignal;
  onReport: (report: SyncReport, why: 'start' | 'change' | 'periodic') => void;
  onError: (err: unknown) => void;
}

/** Run until `signal` aborts. The first load must succeed (a bad config at start is the caller's error). */
export async function watchAndSync(opts: WatchOptions): Promise<void> {
  opts.onReport(await opts.sync(await opts.load(opts.path)), 'start');
  let running: Promise<void> = Promise.resolve();
  // why chained: a change during a sync must not run two syncs of this process at once, nor be lost
  const trigger = (why: 'change' | 'periodic') => {
    running = running.then(async () => {
      if (opts.signal.aborted) return;
      try {
        opts.onReport(await opts.sync(await opts.load(opts.path)), why);
      } catch (err) {
        opts.onError(err);
      }
    });
  };
  const onChange = (curr: { mtimeMs: number }, prev: { mtimeMs: number }) => {
    if (curr.mtimeMs !== prev.mtimeMs) trigger('change');
  };
  watchFile(opts.path, { interval: opts.pollMs, persistent: true }, onChange);
  const timer = setInterval(() => trigger('periodic'), opts.resyncMs);
  try {
    await new Promise<void>((resolve) => {
      if (opts.signal.aborted) return resolve();
      opts.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    clearInterval(timer);
    unwatchFile(opts.path, onChange);
    await running;
  }
}
