/**
 * The V8 flags worker processes run with. bin/newsflow.js (its shebang), the npm scripts `start` and `newsflow`, and
 * the Dockerfile spell them out too (they cannot import this); the benchmark, the entity eval's timing and the fault
 * tests start their processes with this list.
 * why --single-threaded-gc: a worker keeps every core busy with extraction, so V8's parallel GC helper threads only
 * compete with it (~10% less CPU per article, BENCHMARKS.md).
 * why --max-semi-space-size=4: an article's garbage dies young either way; with the default 16 MB semi-spaces a
 * worker's RSS peaked at ~316 MB early in a 10,000-article run, with 4 MB ones at ~230 MB, for the same CPU per article.
 * why --max-old-space-size=2047: V8 derives how far a heap may grow between full collections from its limit (factor
 * 4 from 2048 MB up, 2 just below). With node's default limit the main thread's heap climbed ~60–70 MB over thousands
 * of articles before one full collection dropped it (RSS 206–287 MB, ±16.5% over 10,000 articles); at 2047 it
 * collects at about twice its live size. The flag also binds the extraction threads (a V8 flag outranks a thread's
 * resourceLimits), which src/workers/extract-pool.ts caps at the same 2047 for the same reason.
 * test/workers/node-flags.test.ts checks that every place spelling them out carries them all.
 * V8 flags cannot be set once threads run (v8.setFlagsFromString crashed the process), so they go on the command line.
 */
export const WORKER_NODE_FLAGS: readonly string[] = ['--single-threaded-gc', '--max-semi-space-size=4', '--max-old-space-size=2047'];
