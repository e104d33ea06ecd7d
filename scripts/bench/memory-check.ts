/**
 * The cost of the back-pressure memory check: `npx tsx scripts/bench/memory-check.ts`. Times readRedisMemory
 * (one INFO memory) on a private redis-server; a worker process makes one such call a second, whatever its rate.
 * Prints one JSON line: BENCHMARKS.md's memory check section is copied from it by hand (no generated section).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitForRedis } from '../../src/store/embedded-redis.js';
import { readRedisMemory } from '../../src/store/redis-memory.js';

const port = await freePort();
const child = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--dir', mkdtempSync(join(tmpdir(), 'newsflow-bench-mem-')), '--save', '', '--appendonly', 'no'],
  { stdio: 'ignore' },
);
await waitForRedis(port, child);
const redis = new Redis(`redis://127.0.0.1:${port}`);
for (let i = 0; i < 500; i++) await readRedisMemory(redis, null); // warm-up
const calls = 5000;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < calls; i++) await readRedisMemory(redis, null);
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - t0;
const cpuMs = (cpu.user + cpu.system) / 1000 / calls;
// at 42 articles/s a process spends 1000 ms of CPU a second on articles; the check runs once a second
const result = {
  calls,
  workerCpuMsPerCheck: Number(cpuMs.toFixed(4)),
  wallMsPerCheck: Number((wallMs / calls).toFixed(4)),
  checksPerSecond: 1,
  shareOfOneCore: `${((cpuMs / 1000) * 100).toFixed(3)}%`,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
redis.disconnect();
child.kill();
