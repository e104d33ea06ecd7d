/**
 * The embedded Redis shared by real newsflow processes (issue cases 1, 2, 3 and 6 of the hardening list):
 * a one-shot command never stops it under a worker; many commands at once start one server; a worker whose server
 * was killed brings it back; a worker on a Redis that refuses writes does not spin; an unusable NEWSFLOW_HOME
 * fails fast with a message; a worker whose Redis is gone still ends on SIGTERM, and SIGINT behaves the same.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pingPort } from '../../src/store/embedded-redis.js';
import { WORKER_NODE_FLAGS } from '../../src/workers/node-flags.js';
import { scratchReplica } from '../helpers/redis-server.js';
import { ownRedis, ROOT, runCli, sleep, waitFor, type OwnRedis } from './_harness.js';

/** RELIABILITY.md reports these. */
const SHARED_REDIS_COUNTS = { concurrent: 8, rounds: 5 };

const dirs: string[] = [];
const children: ChildProcess[] = [];
const owns: OwnRedis[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const o of owns) await Promise.race([o.stop(), sleep(5000)]);
  for (const d of dirs) {
    stopEmbedded(d);
    rmSync(d, { recursive: true, force: true });
  }
});

function home(): string {
  const d = mkdtempSync(join(tmpdir(), 'newsflow-shared-'));
  dirs.push(d);
  return join(d, 'home');
}

/** Environment of a command on the embedded server of `dir` (REDIS_URL removed). */
function embeddedEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NEWSFLOW_HOME: dir, ...extra };
  delete env.REDIS_URL;
  return env;
}

interface Proc {
  child: ChildProcess;
  out(): string;
  err(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A newsflow command from source, as a real process, with REDIS_URL unset unless `env` sets it. */
function start(args: string[], env: Record<string, string>, node: readonly string[] = []): Proc {
  const child = spawn(process.execPath, [...node, '--import', 'tsx', 'src/cli/entry.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return { child, out: () => out, err: () => err, exited };
}

function run(args: string[], env: Record<string, string>) {
  return runCli(args, env, 60_000);
}

function serverInfo(dir: string): { pid: number; port: number } | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'redis.json'), 'utf8')) as { pid: number; port: number };
  } catch {
    return null;
  }
}

function stopEmbedded(d: string): void {
  for (const sub of ['', 'home']) {
    const info = serverInfo(join(d, sub));
    if (info) {
      try {
        process.kill(info.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }
}

/** How many times a redis-server started over `dir` (its log prints this line once per start). */
function serverStarts(dir: string): number {
  const file = join(dir, 'redis.log');
  return existsSync(file) ? (readFileSync(file, 'utf8').match(/Ready to accept connections/gu) ?? []).length : 0;
}

/** CPU seconds a process has used so far (Linux /proc, clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

describe('the embedded Redis shared by several processes', () => {
  it('a one-shot command that started the server does not stop it under a worker', async () => {
    const dir = home();
    const env = embeddedEnv(dir, { LOG_LEVEL: 'info' });
    // the issue's case: `watch --count 6` started first, a worker 2 s later; the count leaves a slow start-up time
    const watch = start(['watch', '--count', '20', '--interval', '1s', '--json'], env);
    expect(await waitFor(async () => serverInfo(dir) !== null && (await pingPort(serverInfo(dir)!.port)), 30_000)).toBe(true);
    const worker = start(['worker'], env, WORKER_NODE_FLAGS);
    expect(await waitFor(async () => /workers started/u.test(worker.err()), 60_000), worker.err()).toBe(true);
    expect(watch.child.exitCode).toBeNull();
    expect((await watch.exited).code, watch.err()).toBe(0); // the command that started the server ends first
    await sleep(2000);
    const q = await run(['queues', '--json'], env);
    expect(q.code, q.stderr).toBe(0);
    const overview = JSON.parse(q.stdout) as Record<string, { workers: unknown[] }>;
    expect(overview.articles!.workers.length).toBeGreaterThan(0); // the worker is still connected
    expect(worker.err()).toMatch(/"redis":"embedded"/u);
    expect(worker.err()).not.toMatch(/ECONNREFUSED/u);
    expect(serverStarts(dir)).toBe(1);

    worker.child.kill('SIGTERM');
    expect((await worker.exited).code, worker.err()).toBe(0);
    // the worker held the last lease: the server is stopped with it
    expect(serverInfo(dir)).toBeNull();
  }, 180_000);

  it(`${SHARED_REDIS_COUNTS.concurrent} commands at once, ${SHARED_REDIS_COUNTS.rounds} times: all succeed on one server`, async () => {
    const dir = home();
    const env = embeddedEnv(dir);
    const holder = start(['watch', '--interval', '1s', '--json'], env); // keeps a lease through every round
    expect(await waitFor(async () => serverInfo(dir) !== null && (await pingPort(serverInfo(dir)!.port)), 30_000)).toBe(true);
    for (let round = 0; round < SHARED_REDIS_COUNTS.rounds; round++) {
      const results = await Promise.all(Array.from({ length: SHARED_REDIS_COUNTS.concurrent }, () => run(['queues', '--json'], env)));
      for (const r of results) {
        expect(r.code, r.stderr).toBe(0);
        expect(Object.keys(JSON.parse(r.stdout) as object)).toEqual(expect.arrayContaining(['feeds', 'articles', 'dedup']));
      }
    }
    expect(serverStarts(dir)).toBe(1);
    holder.child.kill('SIGTERM');
    await holder.exited;
    expect(await waitFor(async () => serverInfo(dir) === null, 10_000)).toBe(true);

    // with no holder the commands race to start it: still all succeed, and no server is left behind
    const results = await Promise.all(Array.from({ length: SHARED_REDIS_COUNTS.concurrent }, () => run(['queues', '--json'], env)));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(serverInfo(dir)).toBeNull();
  }, 600_000);

  it('a worker whose embedded server was killed restarts it on the same port and carries on', async () => {
    const dir = home();
    const env = embeddedEnv(dir, { LOG_LEVEL: 'info' });
    const worker = start(['worker'], env, WORKER_NODE_FLAGS);
    expect(await waitFor(async () => /workers started/u.test(worker.err()), 60_000), worker.err()).toBe(true);
    const before = serverInfo(dir)!;
    process.kill(before.pid, 'SIGKILL');
    expect(await waitFor(async () => /had stopped; restarted it/u.test(worker.err()), 30_000), worker.err()).toBe(true);
    const after = serverInfo(dir)!;
    expect(after.port).toBe(before.port);
    expect(after.pid).not.toBe(before.pid);
    const q = await run(['queues', '--json'], env);
    expect(q.code, q.stderr).toBe(0);
    expect(
      await waitFor(async () => {
        const r = await run(['queues', '--json'], env);
        return ((JSON.parse(r.stdout) as Record<string, { workers: unknown[] }>).articles?.workers.length ?? 0) > 0;
      }, 30_000),
    ).toBe(true);
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code, worker.err()).toBe(0);
  }, 180_000);
});

describe('a worker on a Redis that refuses writes', () => {
  it('does not spin: little CPU and a log line a minute, not a line per attempt', async () => {
    const master = await ownRedis();
    owns.push(master);
    const replica = await scratchReplica(master.port);
    children.push(replica.child);
    const url = replica.url;

    const worker = start(['worker', '--redis-url', url], { ...(process.env as Record<string, string>), LOG_LEVEL: 'info' }, WORKER_NODE_FLAGS);
    expect(await waitFor(async () => /workers started/u.test(worker.err()), 60_000), worker.err()).toBe(true);
    await sleep(2000); // past start-up
    const cpu0 = cpuSeconds(worker.child.pid!);
    const lines0 = worker.err().split('\n').length;
    await sleep(10_000);
    const cpu = cpuSeconds(worker.child.pid!) - cpu0;
    const lines = worker.err().split('\n').length - lines0;
    expect(cpu, `CPU ${cpu} s in 10 s`).toBeLessThan(1);
    expect(lines, worker.err().slice(-2000)).toBeLessThan(10);
    expect(worker.err()).toMatch(/Redis refuses writes \(READONLY\)/u);
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code, worker.err().slice(-2000)).toBe(0);
  }, 120_000);
});

describe('an unusable NEWSFLOW_HOME', () => {
  it.each([
    [
      'a file',
      (d: string) => {
        writeFileSync(d, 'not a directory');
        return d;
      },
    ],
    [
      'under a file',
      (d: string) => {
        writeFileSync(d, 'not a directory');
        return join(d, 'sub');
      },
    ],
    ['where nothing can be created', () => '/proc/newsflow-home'],
  ])(
    '%s: exit 1 at once with a message naming it, no stack',
    async (_name, make) => {
      const dir = make(home());
      const t = Date.now();
      const r = await run(['queues'], embeddedEnv(dir));
      expect(Date.now() - t).toBeLessThan(20_000);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`cannot use data directory ${dir}`);
      expect(r.stderr).not.toMatch(/\n\s+at /u);
    },
    60_000,
  );
});

describe('shutdown when Redis is gone', () => {
  for (const [first, second, code] of [
    ['SIGTERM', null, 0],
    ['SIGINT', null, 0],
    ['SIGTERM', 'SIGINT', 130],
  ] as const) {
    it(`${first}${second ? ` then ${second}` : ''}: the worker exits${second ? ' at once' : ' within its deadline'}`, async () => {
      const own = await ownRedis();
      owns.push(own);
      const worker = start(
        ['worker', '--redis-url', own.url, '--shutdown-timeout', '2'],
        { ...(process.env as Record<string, string>), LOG_LEVEL: 'info' },
        WORKER_NODE_FLAGS,
      );
      expect(await waitFor(async () => /workers started/u.test(worker.err()), 60_000), worker.err()).toBe(true);
      await own.kill();
      await sleep(1000);
      const t = Date.now();
      worker.child.kill(first);
      if (second) {
        await sleep(500);
        worker.child.kill(second);
      }
      const exit = await Promise.race([worker.exited, sleep(30_000).then(() => null)]);
      expect(exit, worker.err().slice(-2000)).not.toBeNull();
      expect(exit!.code, worker.err().slice(-2000)).toBe(code);
      // the 2 s deadline, 2 s for QUIT, 5 s for the queues, and process start-up noise
      expect(Date.now() - t).toBeLessThan(second ? 5000 : 15_000);
    }, 120_000);
  }
});
