/**
 * Entry of an extract-pool thread: loads the extractors once (the compromise model and lexicons), then runs
 * one `runExtraction` per message and posts the result back. CPU-bound work lives here, off the event loop
 * that renews BullMQ locks.
 */
import { parentPort } from 'node:worker_threads';
import { runExtraction, threadCpuMs, type ExtractInput, type ExtractOutput } from './extract-task.js';
import { useEnvSnapshot } from './thread-env.js';

/** A request from the pool. */
export interface TaskMessage {
  id: number;
  input: ExtractInput;
}

/**
 * The thread's answer: the output, or the error's name and message (errors do not cross threads intact),
 * and the thread's CPU time so far (ms).
 */
export type ReplyMessage = ({ id: number; ok: true; out: ExtractOutput } | { id: number; ok: false; name: string; message: string }) & { cpuMs: number };

const port = parentPort;
if (port) {
  useEnvSnapshot();
  port.on('message', (msg: TaskMessage) => {
    let reply: ReplyMessage;
    try {
      reply = { id: msg.id, ok: true, out: runExtraction(msg.input), cpuMs: threadCpuMs() };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      reply = { id: msg.id, ok: false, name: e.name, message: e.message, cpuMs: threadCpuMs() };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true });
}
