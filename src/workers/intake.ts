/**
 * Who holds a worker back. Several reasons can pause the same BullMQ worker at once (Redis refusing writes, Redis
 * memory above its high-water mark); a worker takes jobs again only when no reason holds it.
 */
import type { Worker } from 'bullmq';

export type HoldReason = 'write-refused' | 'memory';

export class Intake {
  private readonly holds = new Map<Worker, Set<HoldReason>>();

  /**
   * Stop `workers` taking new jobs for `reason` (running jobs go on). A worker idle in BullMQ's blocking wait at
   * that moment still takes the one job that wakes it (BullMQ checks `paused` only before it waits).
   */
  hold(workers: Worker[], reason: HoldReason): void {
    for (const w of workers) {
      const set = this.holds.get(w) ?? new Set<HoldReason>();
      this.holds.set(w, set);
      if (set.size === 0) void w.pause(true).catch(() => {});
      set.add(reason);
    }
  }

  /** Lift `reason`; a worker no other reason holds takes jobs again. */
  release(workers: Worker[], reason: HoldReason): void {
    for (const w of workers) {
      const set = this.holds.get(w);
      if (!set?.delete(reason)) continue;
      if (set.size === 0 && !w.closing) void w.resume();
    }
  }

  /** The reasons holding `w` now. */
  reasons(w: Worker): HoldReason[] {
    return [...(this.holds.get(w) ?? [])];
  }
}
