/**
 * A fixed pool of worker threads for the CPU-bound extraction, so the main event loop stays free for
 * BullMQ (lock renewal, fetching jobs), HTTP and Redis while pages are parsed. A thread that crashes, runs
 * out of memory or overruns its time is replaced; only its own task fails.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { NewsflowError } from '../domain/errors.js';
import type { ReplyMessage, TaskMessage } from './extract-thread.js';
import type { ExtractInput, ExtractOutput } from './extract-task.js';

/** Extract one page: through the pool, or inline. */
export type Extractor = (input: ExtractInput) => Promise<ExtractOutput>;

export interface ExtractPoolOptions {
  /** Number of threads (≥ 1). */
  threads: number;
  /** A task running longer than this is abandoned: its thread is terminated and replaced (default 60 s). */
  taskTimeoutMs?: number;
  /** V8 old-generation limit per thread, so one pathological page cannot take the process down (default 2047). */
  maxOldGenerationMb?: number;
  /** V8 young-generation size per thread in MB (default: V8's own). */
  maxYoungGenerationMb?: number;
  /**
   * Move each input's body to the thread instead of copying it, when the body owns its whole ArrayBuffer (the
   * caller's Buffer is empty afterwards). For callers that never read the body again, as the article worker.
   * why: one page-sized allocation less per page in the thread; the copies' malloc churn kept a worker's RSS higher
   * (BENCHMARKS.md)
   */
  moveBody?: boolean;
}

export interface PoolStats {
  threads: number;
  busy: number;
  queued: number;
  /** Tasks answered, failed (error, crash or timeout), and threads replaced. */
  done: number;
  failed: number;
  restarts: number;
  /** CPU time of the threads (ms, as of their last answer), replaced ones included. */
  threadCpuMs: number;
}

export interface ExtractPool {
  extract: Extractor;
  readonly threads: number;
  stats(): PoolStats;
  /** Terminate the threads; queued and running tasks are rejected. */
  close(): Promise<void>;
}

/** Threads a worker process should use by default: all cores but one (the event loop's), at least one. */
export function defaultExtractThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Extraction on the calling thread (no pool): for tests, debugging and single-shot commands.
 * why the dynamic import: a process that extracts in threads never loads the extractors (compromise and the
 * lexicons, tens of MB) on its main thread
 */
export const inlineExtractor: Extractor = async (input) => (await import('./extract-task.js')).runExtraction(input);

interface Task {
  id: number;
  input: ExtractInput;
  resolve: (out: ExtractOutput) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  cpuMs: number;
}

/** How to start a thread: the compiled .js entry directly; the .ts source (tsx, vitest) through tsx's require hook. */
function spawnThread(resourceLimits: ResourceLimits): Worker {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './extract-thread.ts' : './extract-thread.js', import.meta.url);
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { resourceLimits });
  // why: on Node 20, ESM loader hooks (tsx --import) do not reach worker threads; tsx's CJS hook does
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const code = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(fileURLToPath(entry))});`;
  return new Worker(code, { eval: true, resourceLimits });
}

/** Start `threads` extraction threads. */
export function createExtractPool(opts: ExtractPoolOptions): ExtractPool {
  const size = Math.max(1, Math.floor(opts.threads));
  const timeoutMs = opts.taskTimeoutMs ?? 60_000;
  // why 2047: V8 derives its old-generation growing factor from this limit (1.3 at 256 MB rising to 2.0 just under
  // 2048, then 4.0 from 2048 on). Lower limits make the thread mark its live heap (compromise's model, lexicons,
  // compiled code) again every few pages; 2048 lets RSS swing (figures: BENCHMARKS.md). Worker processes run with
  // --max-old-space-size=2047 (node-flags.ts), which sets the same limit for this thread.
  // The limit still ends a runaway page's thread long before the machine's memory does.
  const limits: ResourceLimits = { maxOldGenerationSizeMb: opts.maxOldGenerationMb ?? 2047 };
  if (opts.maxYoungGenerationMb) limits.maxYoungGenerationSizeMb = opts.maxYoungGenerationMb;
  const queue: Task[] = [];
  const slots: Slot[] = [];
  const counts = { done: 0, failed: 0, restarts: 0 };
  let retiredCpuMs = 0;
  let nextId = 1;
  let closed = false;

  const finish = (slot: Slot): Task | null => {
    const task = slot.task;
    slot.task = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    return task;
  };

  const replace = (slot: Slot, why: string, retryable: boolean) => {
    const task = finish(slot);
    if (task) {
      counts.failed++;
      task.reject(new NewsflowError('PAGE_PARSE', `extraction thread ${why}`, { retryable }));
    }
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    retiredCpuMs += slot.cpuMs;
    if (closed) return;
    counts.restarts++;
    slots[slots.indexOf(slot)] = start();
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (!slot.ready || slot.task || !queue.length) continue;
      const task = queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => replace(slot, `timed out after ${timeoutMs} ms`, false), timeoutMs);
      slot.timer.unref();
      const body = task.input.body;
      const movable = opts.moveBody === true && body.buffer instanceof ArrayBuffer && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
      slot.worker.postMessage({ id: task.id, input: task.input } satisfies TaskMessage, movable ? [body.buffer as ArrayBuffer] : []);
    }
  };

  function start(): Slot {
    const slot: Slot = { worker: spawnThread(limits), ready: false, task: null, timer: null, cpuMs: 0 };
    slot.worker.unref();
    slot.worker.on('message', (msg: ReplyMessage | { ready: true }) => {
      if ('ready' in msg) {
        slot.ready = true;
        dispatch();
        return;
      }
      slot.cpuMs = msg.cpuMs;
      const task = finish(slot);
      if (task && task.id === msg.id) {
        if (msg.ok) {
          counts.done++;
          task.resolve(msg.out);
        } else {
          counts.failed++;
          // why not retryable: extraction is deterministic, the same page would fail the same way
          task.reject(new NewsflowError('PAGE_PARSE', `extraction failed: ${msg.name}: ${msg.message}`, { retryable: false }));
        }
      }
      dispatch();
    });
    // why retryable: a crash may come from the process's state (memory pressure), not from the page
    slot.worker.on('error', (err) => replace(slot, `crashed: ${err.message}`, true));
    slot.worker.on('exit', (code) => replace(slot, `exited with code ${code}`, true));
    return slot;
  }

  for (let i = 0; i < size; i++) slots.push(start());

  return {
    threads: size,
    extract(input) {
      if (closed) return Promise.reject(new NewsflowError('PAGE_PARSE', 'extraction pool is closed', { retryable: true }));
      return new Promise<ExtractOutput>((resolve, reject) => {
        queue.push({ id: nextId++, input, resolve, reject });
        dispatch();
      });
    },
    stats: () => ({
      threads: size,
      busy: slots.filter((s) => s.task).length,
      queued: queue.length,
      ...counts,
      threadCpuMs: retiredCpuMs + slots.reduce((a, s) => a + s.cpuMs, 0),
    }),
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.reject(new NewsflowError('PAGE_PARSE', 'extraction pool closed', { retryable: true }));
      await Promise.all(
        slots.map(async (slot) => {
          const task = finish(slot);
          task?.reject(new NewsflowError('PAGE_PARSE', 'extraction pool closed', { retryable: true }));
          slot.worker.removeAllListeners();
          await slot.worker.terminate();
        }),
      );
    },
  };
}
