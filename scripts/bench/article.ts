/**
 * `npx tsx scripts/bench/article.ts [--sets fixtures,scrapinghub,htmldate,fundus,readability] [--passes 5]
 *  [--warmup 2] [--out FILE] [--pipeline]`
 *
 * extractArticle alone (with --pipeline, the whole extraction: extractPage): this thread's CPU ms per page over each page set, after warm-up passes, and
 * a digest of
 * every output (sha256 of the articles' JSON) so a change that should not change results can show it does not.
 * `--out FILE` writes the outputs as NDJSON for a diff (keep it outside the repository: eval pages are not ours).
 * Eval pages are read from ../shared/eval (BENCH_EVAL overrides) and never written anywhere.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { extractArticle, type ExtractArticleOptions } from '../../src/extractors/article/index.js';
import { extractPage } from '../../src/extractors/pipeline.js';
import { threadCpuMs } from '../../src/workers/extract-task.js';
import { fixturePages, GOLDEN_BASE } from '../golden.js';

const root = resolve(import.meta.dirname, '..', '..');
const EVAL = process.env.BENCH_EVAL ?? resolve(root, '..', 'shared', 'eval');
const { values } = parseArgs({
  options: {
    sets: { type: 'string', default: 'fixtures,scrapinghub,htmldate,fundus,readability' },
    passes: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    out: { type: 'string' },
    pipeline: { type: 'boolean', default: false },
  },
});

interface Page {
  name: string;
  html: Buffer;
  opts: ExtractArticleOptions;
}

const jsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** Each set's pages with the options its user passes (goldens and the eval's scorers). */
const SETS: Record<string, () => Page[] | null> = {
  fixtures: () =>
    fixturePages(root).map((f) => ({
      name: relative(root, f),
      html: Buffer.from(readFileSync(f).toString('latin1').replaceAll('{{BASE}}', GOLDEN_BASE), 'latin1'),
      opts: { url: `${GOLDEN_BASE}/${relative(join(root, 'fixtures'), f)}`, contentType: 'text/html' },
    })),
  scrapinghub: () => {
    const dir = join(EVAL, 'article-body', 'scrapinghub');
    if (!existsSync(dir)) return null;
    const gt = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { url: string }>;
    return Object.keys(gt)
      .sort()
      .map((id) => ({ name: id, html: gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))), opts: { url: gt[id]!.url } }));
  },
  htmldate: () => {
    const dir = join(EVAL, 'article-meta', 'htmldate-dev');
    if (!existsSync(dir)) return null;
    // why no URL: the set's protocol dates the page from its HTML alone
    return jsonl<{ file: string }>(join(dir, 'gold.jsonl')).map((g) => ({ name: g.file, html: gunzipSync(readFileSync(join(dir, 'html', g.file))), opts: {} }));
  },
  fundus: () => {
    const dir = join(EVAL, 'article-meta', 'fundus');
    if (!existsSync(dir)) return null;
    return jsonl<{ file: string; url: string }>(join(dir, 'gold.jsonl')).map((g) => ({
      name: g.file,
      html: gunzipSync(readFileSync(join(dir, g.file))),
      opts: { url: g.url },
    }));
  },
  readability: () => {
    const dir = join(EVAL, 'article-meta', 'readability');
    if (!existsSync(dir)) return null;
    return readdirSync(dir)
      .filter((n) => existsSync(join(dir, n, 'source.html')))
      .sort()
      .map((n) => ({ name: n, html: readFileSync(join(dir, n, 'source.html')), opts: { url: `http://fakehost/test/${n}/` } }));
  },
};

/** The article pass alone, or with --pipeline the whole pipeline (entities, dates, quotes too). */
const run = values.pipeline
  ? (p: Page) => extractPage({ html: p.html, url: p.opts.url ?? '', contentType: p.opts.contentType ?? null })
  : (p: Page) => extractArticle(p.html, p.opts);
const passes = Number(values.passes);
const warmup = Number(values.warmup);
const lines: string[] = [];
const rows: string[] = [];
for (const set of values.sets.split(',')) {
  const load = SETS[set];
  if (!load) throw new Error(`unknown set ${set} (${Object.keys(SETS).join(', ')})`);
  const pages = load();
  if (!pages) {
    rows.push(`| ${set} | absent | | |`);
    continue;
  }
  const hash = createHash('sha256');
  for (const p of pages) {
    const line = JSON.stringify({ set, page: p.name, out: run(p) });
    hash.update(line);
    if (values.out) lines.push(line);
  }
  for (let i = 1; i < warmup; i++) for (const p of pages) run(p);
  const perPass: number[] = [];
  for (let i = 0; i < passes; i++) {
    const c0 = threadCpuMs();
    for (const p of pages) run(p);
    perPass.push((threadCpuMs() - c0) / pages.length);
  }
  const sorted = [...perPass].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  rows.push(`| ${set} | ${pages.length} | ${median.toFixed(3)} (min ${sorted[0]!.toFixed(3)}) | ${hash.digest('hex').slice(0, 16)} |`);
  process.stderr.write(`${set}: ${perPass.map((x) => x.toFixed(3)).join(' ')} ms/page\n`);
}
if (values.out) writeFileSync(values.out, `${lines.join('\n')}\n`);
process.stdout.write(
  `| set | pages | ${values.pipeline ? 'extractPage' : 'extractArticle'} CPU ms/page, median of ${passes} passes | output digest |\n` +
    `| --- | --- | --- | --- |\n${rows.join('\n')}\n`,
);
