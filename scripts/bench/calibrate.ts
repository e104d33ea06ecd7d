/**
 * How much slower the machine itself runs a fixed CPU workload on each core when both cores are busy than on one
 * core alone (shared caches, memory bandwidth, the host's other tenants): the part of a 2-process slowdown that is
 * not the pipeline's. Child processes pinned with taskset; CPU time from /proc/thread-self/schedstat.
 */
import { spawn } from 'node:child_process';

// why allocation and string work: closer to what the workers do than a pure arithmetic loop
const SPIN = `
const { readFileSync } = require('fs');
const cpu = () => Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
function unit() {
  let h = 0; const a = [];
  for (let i = 0; i < 100000; i++) { const s = 'w' + (i % 977); h = (h * 31 + s.charCodeAt(1)) | 0; if (i % 8 === 0) a.push({ s, h }); }
  return h + a.length;
}
for (let i = 0; i < 30; i++) unit();
const c0 = cpu(); const t0 = Date.now(); let n = 0;
while (Date.now() - t0 < Number(process.argv[1])) { unit(); n++; }
process.stdout.write(String((cpu() - c0) / n));
`;

function spin(core: number, ms: number): Promise<number> {
  return new Promise((ok) => {
    const child = spawn('taskset', ['-c', String(core), process.execPath, '-e', SPIN, String(ms)], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', () => ok(Number(out)));
    child.once('error', () => ok(NaN));
  });
}

export interface Calibration {
  /** CPU ms of one unit of work alone on core 0, and on each core while both run (means of the rounds). */
  aloneMs: number;
  bothMs: number;
  /** bothMs / aloneMs: 1.00 = the machine gives a busy pair of cores the speed of one. */
  slowdown: number;
}

/** Alternate "core 0 alone" and "cores 0 and 1 together" `rounds` times (about 2 × rounds × ms of wall time). */
export async function calibrate(rounds = 2, ms = 1500): Promise<Calibration> {
  const alone: number[] = [];
  const both: number[] = [];
  for (let r = 0; r < rounds; r++) {
    alone.push(await spin(0, ms));
    both.push(...(await Promise.all([spin(0, ms), spin(1, ms)])));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { aloneMs: mean(alone), bothMs: mean(both), slowdown: mean(both) / mean(alone) };
}

/**
 * CPU ms of one unit of the calibration workload alone on core 0: how fast the machine runs right now. On a shared
 * VM it moves within minutes (the host's other tenants), and every figure of a run moves with it.
 */
export function machineSpeedMs(ms = 1500): Promise<number> {
  return spin(0, ms);
}
