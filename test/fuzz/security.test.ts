/**
 * Security: only http(s); private, loopback and link-local targets refused, written any way a URL parser
 * accepts, after redirects and when a name resolves to them; page scripts never run; Redis credentials never
 * reach the output. (Name resolution at connect time, the DNS-rebinding gap, is tested in test/fetch/http.test.ts:
 * "refuses a name that resolves to loopback, at connect time too" and "checks the address actually connected to".)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/domain/errors.js';
import { extractArticle, extractEntities } from '../../src/extractors/index.js';
import { assertFetchable, isPrivateAddress } from '../../src/fetch/address-guard.js';
import { httpGet, type FetchOptions } from '../../src/fetch/http.js';
import { startFixtureServer, type FixtureServer } from '../../src/replay/fixture-server.js';
import { testRedisUrl } from '../helpers/redis.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
let server: FixtureServer;
let opts: FetchOptions;
const redirects = new Map<string, string>();
beforeAll(async () => {
  server = await startFixtureServer(join(ROOT, 'fixtures'), 0, {
    intercept: (path, _req, res) => {
      const to = redirects.get(path);
      if (!to) return false;
      res.writeHead(302, { location: to }).end();
      return true;
    },
  });
  opts = { userAgent: 'newsflow-test', timeoutMs: 3000, maxBytes: 1 << 20, maxRedirects: 5, allowHosts: [`127.0.0.1:${server.port}`] };
});
afterAll(async () => server.close());

async function refusal(p: Promise<unknown>): Promise<FetchError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'expected a refusal').toBeInstanceOf(FetchError);
  return err as FetchError;
}

/** Private, loopback, link-local, CGNAT, multicast and unspecified targets in the spellings URL parsers accept. */
const PRIVATE_TARGETS = [
  'http://127.0.0.1/',
  'http://127.1.2.3:8080/',
  'http://10.0.0.1/',
  'http://172.16.0.1/',
  'http://172.31.255.255/',
  'http://192.168.1.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://100.64.0.1/',
  'http://0.0.0.0/',
  'http://224.0.0.1/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0177.0.0.1/',
  'http://127.1/',
  'https://[::1]/',
  'http://[::]/',
  'http://[fc00::1]/',
  'http://[fd12:3456::1]/',
  'http://[fe80::1]/',
  'http://[ff02::1]/',
  'http://localhost/',
  'http://LOCALHOST/',
];

/** IPv4-mapped/compatible IPv6 literals: the URL parser rewrites them to hex (`[::ffff:7f00:1]`). */
const MAPPED_TARGETS = ['http://[::ffff:127.0.0.1]/', 'http://[::ffff:10.0.0.1]/', 'http://[::ffff:169.254.169.254]/', 'http://[::ffff:7f00:1]/'];

/** IPv6 transition addresses that route to an embedded private IPv4: 6to4 (2002::/16) and Teredo (2001:0::/32). */
const TUNNEL_TARGETS = [
  'http://[2002:7f00:1::]/',
  'http://[2002:a9fe:a9fe::1]/',
  'http://[2002:c0a8:101::]/',
  'http://[2001:0:7f00:1::1]/',
  'http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/',
];

describe('address guard: schemes and private targets', () => {
  it.each(['file:///etc/passwd', 'ftp://example.com/x', 'gopher://example.com/', 'data:text/html,hi', 'javascript:alert(1)', 'ws://example.com/'])(
    'refuses the scheme of %s',
    async (url) => {
      expect((await refusal(httpGet(url, opts))).code).toBe('FETCH_FORBIDDEN');
    },
  );

  it.each(PRIVATE_TARGETS)('refuses %s', async (url) => {
    const err = await refusal(assertFetchable(new URL(url), []));
    expect(err.code).toBe('FETCH_FORBIDDEN');
    expect(err.retryable).toBe(false);
  });

  // Regression: WHATWG URL rewrites ::ffff:127.0.0.1 to the hex form ::ffff:7f00:1, which the guard once took for public.
  it.each(MAPPED_TARGETS)('refuses the IPv4-mapped literal %s', async (url) => {
    expect((await refusal(assertFetchable(new URL(url), []))).code).toBe('FETCH_FORBIDDEN');
  });

  it.each(TUNNEL_TARGETS)('refuses the 6to4/Teredo literal %s', async (url) => {
    expect((await refusal(assertFetchable(new URL(url), []))).code).toBe('FETCH_FORBIDDEN');
  });

  it.each(['8.8.8.8', '2002:808:808::1', '2001:0:4136:e378:8000:63bf:f7f7:f7f7', '2606:4700::1111', '198.20.0.1'])('lets the public address %s pass', (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });

  it.each(['198.18.0.1', '198.19.255.255'])('treats the benchmarking range address %s as private', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  // The same end to end: this GET once reached the fixture server on loopback (HTTP 200).
  it('refuses to fetch the loopback fixture server through http://[::ffff:127.0.0.1]:<port>/', async () => {
    const err = await refusal(httpGet(`http://[::ffff:127.0.0.1]:${server.port}/feeds/daily-ledger.rss.xml`, { ...opts, allowHosts: [] }));
    expect(err.code).toBe('FETCH_FORBIDDEN');
  });

  it.each([
    ['loopback', () => 'http://127.0.0.2:9/secret'],
    ['cloud metadata (link-local)', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private network', () => 'http://10.1.2.3/admin'],
    ['IPv6 loopback', () => `http://[::1]:${server.port}/feeds/daily-ledger.rss.xml`],
    ['a name resolving to loopback', () => `http://localhost:${server.port}/feeds/daily-ledger.rss.xml`],
    ['file:', () => 'file:///etc/passwd'],
    ['a second hop (redirect chain)', () => `/hop-to-metadata`],
  ])('refuses a redirect to %s', async (_name, target) => {
    redirects.set('/hop-to-metadata', 'http://169.254.169.254/latest/meta-data/');
    const path = `/redirect-${redirects.size}`;
    redirects.set(path, target());
    const err = await refusal(httpGet(`${server.base}${path}`, opts));
    expect(err.code).toBe('FETCH_FORBIDDEN');
  });
});

describe('page scripts never run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsflow-script-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const marker = join(dir, 'pwned');
  const g = globalThis as Record<string, unknown>;
  const js =
    `globalThis.__newsflowPwned = 1; try { require('fs').writeFileSync(${JSON.stringify(marker)}, 'x') } catch (e) {}; try { ` +
    `process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(marker)}, 'x') } catch (e) {}`;
  const page = `<!doctype html><html><head><title>Scripted</title><script>${js}</script>
    <script type="module">${js}</script><script src="data:text/javascript,${encodeURIComponent(js)}"></script></head>
    <body onload="${js.replaceAll('"', '&quot;')}"><article><h1>Council votes on the budget</h1>
    <p>The city council voted on Tuesday to approve the budget, Mayor Ana Ruiz said in a statement after the meeting.</p>
    <img src="x" onerror="${js.replaceAll('"', '&quot;')}"><iframe srcdoc="<script>${js.replaceAll('"', '&quot;')}</script>"></iframe>
    <p>"We kept every promise," Ruiz said. <a href="javascript:${encodeURIComponent(js)}">more</a></p>
    <svg><script>${js}</script></svg><noscript><p>no script</p></noscript></article></body></html>`;

  it('extracting a page full of scripts and handlers leaves no trace and keeps no script text', () => {
    const a = extractArticle(page, { url: 'https://example.test/scripted' });
    extractEntities(a.text, { publishedAt: null });
    expect(g.__newsflowPwned).toBeUndefined();
    expect(existsSync(marker)).toBe(false);
    expect(a.text).toMatch(/approve the budget/u);
    expect(a.text).not.toMatch(/writeFileSync|__newsflowPwned/u);
  });

  it('the same page fetched over HTTP and extracted leaves no trace', async () => {
    const { startFixtureServer: start } = await import('../../src/replay/fixture-server.js');
    const s = await start(dir, 0, {
      intercept: (_p, _q, res) => {
        res.writeHead(200, { 'content-type': 'text/html' }).end(page);
        return true;
      },
    });
    const res = await httpGet(`${s.base}/p.html`, { ...opts, allowHosts: [`127.0.0.1:${s.port}`] });
    extractArticle(res.body, { url: res.url, contentType: res.contentType });
    await s.close();
    expect(g.__newsflowPwned).toBeUndefined();
    expect(existsSync(marker)).toBe(false);
  });
});

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'trace', NEWSFLOW_PREFIX: 'nft:sec', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      ok({ code, out });
    });
  });
}

describe.concurrent('Redis credentials never reach the output', () => {
  const SECRET = 'hunter2-S3cret';
  const port = () => new URL(testRedisUrl()).port;
  it.each([
    [
      '--redis-url, wrong user and password on a live server',
      () => ['queues', '--redis-url', `redis://user:${SECRET}@127.0.0.1:${port()}/0`],
      () => ({}),
      true,
    ],
    [
      'REDIS_URL, wrong user and password on a live server',
      () => ['jobs', 'articles'],
      () => ({ REDIS_URL: `redis://admin:${SECRET}@127.0.0.1:${port()}` }),
      true,
    ],
    // why may succeed: a password-only AUTH on a server without requirepass is only a warning for ioredis
    [
      'REDIS_URL, password-only on a server without auth (trace logging)',
      () => ['queues'],
      () => ({ REDIS_URL: `redis://:${SECRET}@127.0.0.1:${port()}` }),
      false,
    ],
    ['REDIS_URL, nothing listening', () => ['queues', '--json'], () => ({ REDIS_URL: `redis://admin:${SECRET}@127.0.0.1:1` }), true],
    ['worker, wrong user and password', () => ['worker', '--redis-url', `redis://u:${SECRET}@127.0.0.1:${port()}`], () => ({}), true],
    ['worker over TLS to a plain server', () => ['worker', '--redis-url', `rediss://u:${SECRET}@127.0.0.1:${port()}`], () => ({}), true],
  ])(
    '%s: never prints the password',
    async (_name, args, env, fails) => {
      const { code, out } = await cli(args(), env());
      if (fails) {
        expect(code).not.toBe(0);
        expect(out).toMatch(/redis/iu);
      }
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain(encodeURIComponent(SECRET));
    },
    30_000,
  );
});
