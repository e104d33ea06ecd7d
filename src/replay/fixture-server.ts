/**
 * A real HTTP server on 127.0.0.1 that serves a fixture directory, replacing `{{BASE}}` in text files with
 * the server's own origin (so feeds and pages link to each other wherever the server runs).
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

export interface FixtureServer {
  /** http://127.0.0.1:<port> */
  base: string;
  port: number;
  /** Requests served so far, by path (tests look at what was fetched). */
  hits: Map<string, number>;
  close(): Promise<void>;
}

const TYPES: Array<[RegExp, string]> = [
  [/\.rss\.xml$/u, 'application/rss+xml'],
  [/\.atom\.xml$/u, 'application/atom+xml'],
  [/\.rdf\.xml$/u, 'application/rdf+xml'],
  [/\.xml$/u, 'application/xml'],
  [/\.json$/u, 'application/feed+json'],
  // why no charset: pages declare their own (<meta charset>), as many real servers leave it to them
  [/\.html?$/u, 'text/html'],
  [/\.txt$/u, 'text/plain; charset=utf-8'],
];

const TEXT_EXT = new Set(['.html', '.htm', '.xml', '.json', '.txt']);

function contentType(path: string): string {
  return TYPES.find(([re]) => re.test(path))?.[1] ?? 'application/octet-stream';
}

export interface FixtureServerOptions {
  /** Wait this long before answering each request (slow servers in tests and benchmarks). */
  delayMs?: number;
  /** Tests make the server misbehave here: return true when the hook answered (or destroyed) the request. */
  intercept?: (path: string, req: IncomingMessage, res: ServerResponse, hit: number) => boolean;
}

/** Serve `dir` on 127.0.0.1:`port` (0 = any free port). */
export async function startFixtureServer(dir: string, port = 0, opts: FixtureServerOptions = {}): Promise<FixtureServer> {
  const root = resolve(dir);
  const hits = new Map<string, number>();
  let base = '';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const hit = (hits.get(path) ?? 0) + 1;
      hits.set(path, hit);
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (opts.intercept?.(path, req, res, hit)) return;
      const file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      try {
        const target = (await stat(file)).isDirectory() ? join(file, 'index.html') : file;
        let body = await readFile(target);
        if (TEXT_EXT.has(extname(target))) {
          // why latin1: a byte-preserving round trip, so windows-1252 pages keep their bytes
          body = Buffer.from(body.toString('latin1').replaceAll('{{BASE}}', base), 'latin1');
        }
        res.writeHead(200, { 'content-type': contentType(target), 'content-length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    })();
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  base = `http://127.0.0.1:${actual}`;
  return {
    base,
    port: actual,
    hits,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
