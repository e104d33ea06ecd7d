/** Waiting in tests for something real (a worker, a queue, Redis) to reach a state. */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `cond` every 100 ms until it holds or `ms` passed; returns whether it held. */
export async function waitFor(cond: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await cond()) return true;
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
}
