/**
 * Is a process still there? Used for lock files and client leases in the data directory, whose holders may have
 * been killed with -9.
 */
import { readFileSync } from 'node:fs';

/** True when `pid` names a live process (a zombie counts as dead; a process of another user as alive). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = procStat(pid);
  return stat === null || stat.state !== 'Z';
}

/**
 * When `pid` started, in clock ticks since boot (Linux /proc; null elsewhere). A lease stores it, so a pid the
 * system reused for another process does not keep the lease alive.
 */
export function processStartTime(pid: number): string | null {
  return procStat(pid)?.startTime ?? null;
}

function procStat(pid: number): { state: string; startTime: string } | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // why after the last ')': the command name (field 2) may itself contain spaces and parentheses
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', startTime: fields[19] ?? '' };
  } catch {
    return null;
  }
}
