/**
 * A real HTTP server on 127.0.0.1 that serves a fixture directory, replacing `{{BASE}}` in text files with
 * the server's own origin (so feeds and pages link to each other wherever the server runs); a `.gz` file is
 * inflated, replaced and gzipped again, and served as application/gzip (a gzipped sitemap).
 * Pages carry an ETag and answer a matching If-None-Match with 304, as news sites' servers and CDNs do. An overlay
 * directory (fixtures/versions/v2) serves later versions of some files in place of the originals.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

export interface FixtureServer {
  /** http://127.0.0.1:<port> */
  base: string;
  port: number;
  /** Requests served so far, by path (tests look at what was fetched). */
  hits: Map<string, number>;
  /** 304 answers sent so far, by path. */
  notModified: Map<string, number>;
  /** Serve files of `dir` in place of the fixture directory's own (null: the originals again). */
  setOverlay(dir: string | null): void;
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
  [/\.gz$/u, 'application/gzip'],
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
  /** A directory laid out like the fixture directory whose files are served in place of the originals. */
  overlay?: string;
}

/** The file for a request path under `root`, null when the path leaves it. */
function fileUnder(root: string, path: string): string | null {
  const file = normalize(join(root, path));
  return file === root || file.startsWith(root + sep) ? file : null;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Serve `dir` on 127.0.0.1:`port` (0 = any free port). */
export async function startFixtureServer(dir: string, port = 0, opts: FixtureServerOptions = {}): Promise<FixtureServer> {
  const root = resolve(dir);
  const hits = new Map<string, number>();
  const notModified = new Map<string, number>();
  let overlay = opts.overlay ? resolve(opts.overlay) : null;
  let base = '';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const hit = (hits.get(path) ?? 0) + 1;
      hits.set(path, hit);
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (opts.intercept?.(path, req, res, hit)) return;
      const own = fileUnder(root, path);
      if (!own) {
        res.writeHead(403).end('forbidden');
        return;
      }
      const over = overlay ? fileUnder(overlay, path) : null;
      const file = over && (await isFile(over)) ? over : own;
      try {
        const target = (await stat(file)).isDirectory() ? join(file, 'index.html') : file;
        let body = await readFile(target);
        // why latin1: a byte-preserving round trip, so windows-1252 pages keep their bytes
        const withBase = (b: Buffer) => Buffer.from(b.toString('latin1').replaceAll('{{BASE}}', base), 'latin1');
        if (TEXT_EXT.has(extname(target))) body = withBase(body);
        else if (target.endsWith('.xml.gz')) body = gzipSync(withBase(gunzipSync(body)));
        // why pages only: feeds are read again on every replay (its counts of items seen rely on it)
        if (/\.html?$/u.test(target)) {
          const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
          if (req.headers['if-none-match'] === etag) {
            notModified.set(path, (notModified.get(path) ?? 0) + 1);
            res.writeHead(304, { etag }).end();
            return;
          }
          res.setHeader('etag', etag);
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
    notModified,
    setOverlay: (dir) => {
      overlay = dir ? resolve(dir) : null;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
