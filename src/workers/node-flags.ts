/**
 * The V8 flags worker processes run with. bin/newsflow.js (its shebang), the npm scripts `start` and `newsflow`, and
 * the Dockerfile spell them out too (they cannot import this); the benchmark, the entity eval's timing and the fault
 * tests start their processes with this list.
 * Figures for each: BENCHMARKS.md ("Figures behind design choices").
 * why --single-threaded-gc: a worker keeps every core busy with extraction, so V8's parallel GC helper threads only
 * compete with it.
 * why --max-semi-space-size=4: an article's garbage dies young either way, and small semi-spaces keep a worker's RSS
 * from early peaks, for the same CPU per article.
 * why --max-old-space-size=2047: V8 derives how far a heap may grow between full collections from its limit (factor
 * 4 from 2048 MB up, 2 just below). With node's default limit the main thread's heap climbed for thousands of
 * articles before one full collection dropped it; at 2047 it collects at about twice its live size. The flag also
 * binds the extraction threads (a V8 flag outranks a thread's resourceLimits), which src/workers/extract-pool.ts caps at the same 2047 for the same reason.
 * test/workers/node-flags.test.ts checks that every place spelling them out carries them all.
 * V8 flags cannot be set once threads run (v8.setFlagsFromString crashed the process), so they go on the command line.
 */
export const WORKER_NODE_FLAGS: readonly string[] = ['--single-threaded-gc', '--max-semi-space-size=4', '--max-old-space-size=2047'];
