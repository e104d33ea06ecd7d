/**
 * The benchmark corpus and its web: real article pages held in memory (the ScrapingHub pages of the eval set
 * when present, else the bundled fixture pages), served on 127.0.0.1 with synthetic RSS feeds that list them.
 * Pages are read from their read-only location at run time and never written anywhere.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface Corpus {
  /** Where the pages come from, for the report. */
  source: string;
  pages: Buffer[];
}

/** The ScrapingHub pages (BENCH_PAGES overrides, e.g. when running from a snapshot of the repo elsewhere). */
export const SCRAPINGHUB_DIR =
  process.env.BENCH_PAGES ?? resolve(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'article-body', 'scrapinghub', 'html');
const FIXTURE_PAGES = resolve(import.meta.dirname, '..', '..', 'fixtures', 'pages');

function listHtml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listHtml(join(dir, e.name)) : /\.html(\.gz)?$/u.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Load the corpus: the ScrapingHub pages when `dir` exists, else the fixture pages. */
export function loadCorpus(dir = SCRAPINGHUB_DIR): Corpus {
  if (existsSync(dir)) {
    const files = listHtml(dir).sort();
    return { source: `ScrapingHub article-body pages (${files.length}, ../shared/eval)`, pages: files.map((f) => gunzipSync(readFileSync(f))) };
  }
  const files = listHtml(FIXTURE_PAGES).sort();
  return { source: `bundled fixture pages (${files.length}, fixtures/pages)`, pages: files.map((f) => readFileSync(f)) };
}

export interface CorpusServer {
  base: string;
  host: string;
  /** Feed URLs, each listing `perFeed` article URLs. */
  feeds: string[];
  close(): Promise<void>;
}

function rss(base: string, feed: number, items: number[], corpusSize: number): string {
  const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toUTCString();
  const entries = items
    .map(
      (i) => `<item><title>Item ${i}</title><link>${base}/a/${i % corpusSize}/${i}.html</link><guid>${base}/a/${i}</guid><pubDate>${day(i)}</pubDate></item>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench feed ` +
    `${feed}</title><link>${base}/</link><description>bench</description>\n${entries}\n</channel></rss>\n`
  );
}

/**
 * Serve `articles` article URLs (the corpus repeated: /a/<page>/<n>.html, so every URL is a new article)
 * listed by feeds of `perFeed` items. `{{BASE}}` in fixture pages becomes the server's origin.
 */
export async function serveCorpus(corpus: Corpus, articles: number, perFeed = 50): Promise<CorpusServer> {
  let base = '';
  const pages: Buffer[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const page = /^\/a\/(\d+)\/\d+\.html$/u.exec(path);
    const feed = /^\/feeds\/(\d+)\.xml$/u.exec(path);
    if (page && pages[Number(page[1])]) {
      const body = pages[Number(page[1])]!;
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': body.length }).end(body);
    } else if (feed && Number(feed[1]) * perFeed < articles) {
      const f = Number(feed[1]);
      const ids = Array.from({ length: Math.min(perFeed, articles - f * perFeed) }, (_, k) => f * perFeed + k);
      const body = Buffer.from(rss(base, f, ids, pages.length));
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': body.length }).end(body);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  base = `http://127.0.0.1:${port}`;
  for (const p of corpus.pages) pages.push(p.includes('{{BASE}}') ? Buffer.from(p.toString('latin1').replaceAll('{{BASE}}', base), 'latin1') : p);
  const feeds = Array.from({ length: Math.ceil(articles / perFeed) }, (_, f) => `${base}/feeds/${f}.xml`);
  return {
    base,
    host: `127.0.0.1:${port}`,
    feeds,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
