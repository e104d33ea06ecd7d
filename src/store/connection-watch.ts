/**
 * A long-running process never silently loses its Redis. While the connection is down it says so once a minute;
 * on the embedded server it also brings the server back on the same port (its clients reconnect by themselves),
 * or, when another process has meanwhile started one on a different port, reports the loss so the process exits.
 */
import type { Redis } from 'ioredis';
import { redactUrl } from '../config.js';
import { reviveEmbeddedRedis } from './embedded-redis.js';

export interface WatchOptions {
  redis: Redis;
  url: string;
  /** The data directory when `url` is the embedded server, else null. */
  embeddedDir: string | null;
  warn: (msg: string) => void;
  info: (msg: string) => void;
  /** The connection cannot come back: the caller should exit non-zero with `message`. */
  onLost: (message: string) => void;
  /** How long the connection may be down before acting (default 3 s). */
  graceMs?: number;
  checkEveryMs?: number;
  warnEveryMs?: number;
}

/** Start watching; returns a function that stops it. */
export function watchConnection(opts: WatchOptions): () => void {
  const graceMs = opts.graceMs ?? 3000;
  const warnEveryMs = opts.warnEveryMs ?? 60_000;
  const port = Number(new URL(opts.url).port);
  let downSince: number | null = null;
  let lastWarnAt = 0;
  let busy = false;
  let stopped = false;

  const check = async () => {
    if (opts.redis.status === 'ready') {
      if (downSince !== null) opts.info(`Redis at ${redactUrl(opts.url)} is back after ${Math.round((Date.now() - downSince) / 1000)} s`);
      downSince = null;
      return;
    }
    const now = Date.now();
    downSince ??= now;
    if (now - downSince < graceMs) return;
    if (opts.embeddedDir) {
      try {
        const running = await reviveEmbeddedRedis(opts.embeddedDir, port);
        if (stopped) return;
        if (running.started)
          opts.warn(`the embedded redis-server (port ${port}) had stopped; restarted it over ${opts.embeddedDir} (its data comes back from the AOF)`);
        if (running.port !== port) {
          opts.onLost(
            `the embedded redis-server this process used (port ${port}) is gone, and another process started one on port ${running.port}; ` +
              'exiting so that a restart connects to it',
          );
          return;
        }
      } catch (err) {
        if (!stopped) opts.onLost(`the embedded redis-server this process used (port ${port}) is gone and could not be restarted: ${(err as Error).message}`);
        return;
      }
    }
    if (now - lastWarnAt >= warnEveryMs) {
      lastWarnAt = now;
      opts.warn(
        `Redis at ${redactUrl(opts.url)} has been unreachable for ${Math.round((now - downSince) / 1000)} s; ` +
          (opts.embeddedDir ? 'its server answers again, waiting for the connection' : 'retrying; jobs wait in Redis until it is back'),
      );
    }
  };

  const timer = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    check().finally(() => {
      busy = false;
    });
  }, opts.checkEveryMs ?? 1000);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
