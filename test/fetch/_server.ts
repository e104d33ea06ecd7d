/**
 * A local HTTP server on 127.0.0.1 made to misbehave: each test registers routes (path → handler).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export type Route = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface MisbehavingServer {
  base: string;
  host: string;
  routes: Map<string, Route>;
  /** Requests per path, and the headers of the last one. */
  hits: Map<string, number>;
  lastHeaders: Map<string, IncomingMessage['headers']>;
  /** Request start times per path (ms). */
  times: Map<string, number[]>;
  close(): Promise<void>;
}

export async function startServer(): Promise<MisbehavingServer> {
  const routes = new Map<string, Route>();
  const hits = new Map<string, number>();
  const lastHeaders = new Map<string, IncomingMessage['headers']>();
  const times = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    lastHeaders.set(path, req.headers);
    times.set(path, [...(times.get(path) ?? []), Date.now()]);
    const route = routes.get(path);
    if (!route) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    route(req, res, n);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    routes,
    hits,
    lastHeaders,
    times,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
