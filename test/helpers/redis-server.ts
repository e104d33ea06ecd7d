/** A private redis-server for tests that change its config, kill it or make it a replica (not the shared one). */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitForRedis } from '../../src/store/embedded-redis.js';

export interface ScratchRedis {
  url: string;
  port: number;
  child: ChildProcess;
}

/** Start one on a free loopback port, in a temp dir of its own (a replica writes its RDB there), no persistence. */
export async function scratchRedis(extra: string[] = []): Promise<ScratchRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'newsflow-scratch-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...extra];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  await waitForRedis(port, child);
  return { url: `redis://127.0.0.1:${port}`, port, child };
}

/** A read-only replica of the server on `masterPort`, once its link to the master is up. */
export async function scratchReplica(masterPort: number): Promise<ScratchRedis> {
  const replica = await scratchRedis(['--replicaof', '127.0.0.1', String(masterPort)]);
  const client = new Redis(replica.url);
  try {
    for (const deadline = Date.now() + 10_000; !/master_link_status:up/u.test(await client.info('replication')); ) {
      if (Date.now() > deadline) throw new Error(`replica on port ${replica.port} did not link to its master on ${masterPort}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    client.disconnect();
  }
  return replica;
}
