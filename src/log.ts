/**
 * Structured logs (pino) to stderr, so stdout stays clean for command output and --json.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** A logger at `level` writing JSON lines to stderr. */
export function createLogger(level: string, name = 'newsflow'): Logger {
  return pino({ name, level, base: { pid: process.pid } }, pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything (tests, --quiet). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
