/**
 * `npx tsx scripts/make-syndication-set.ts` — writes fixtures/syndication/articles.jsonl, the dedup test set.
 *
 * Bases: our own seed stories (fixtures/syndication/seeds/*.txt, written for this set, two per topic so that
 * each topic gives hard negatives) and the bodies of our fixture pages (fixtures/pages/**, via extractArticle).
 * Each base becomes a story: the original plus 3–6 copies on other outlets with realistic perturbations
 * (new headline, wrappers, trimmed endings, editor's notes, typo fixes, reordered boilerplate, AMP and
 * cross-domain canonical URLs, credit lines). Seeded PRNG: the same inputs always give the same file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractArticle } from '../src/extractors/index.js';
import { articleId } from '../src/queues/job-ids.js';
import { shingleHashes } from '../src/dedup/fingerprint.js';
import { tokens } from '../src/dedup/normalize.js';
import type { DedupInput } from '../src/dedup/index.js';
import { mulberry32 } from './prng.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'fixtures', 'syndication');

/** One line of the set: the dedup input plus the gold story and what was done to the text. */
export interface SyndicationCase extends DedupInput {
  story: string;
  isOriginal: boolean;
  perturbations: string[];
}

interface Base {
  key: string;
  topic: string;
  title: string;
  site: string;
  url: string;
  publishedAt: string | null;
  paragraphs: string[];
}

const rand = mulberry32(20260525);
const chance = (p: number) => rand() < p;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

function readSeeds(): Base[] {
  const dir = join(outDir, 'seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const [head = '', ...body] = readFileSync(join(dir, f), 'utf8').split(/\n\s*\n/u);
      const meta = Object.fromEntries(head.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
      const key = f.replace(/\.txt$/u, '');
      return {
        key,
        topic: key.split('-')[0]!,
        title: meta.title!,
        site: meta.site!,
        url: meta.url!,
        publishedAt: meta.published ?? null,
        paragraphs: body.map((p) => p.replace(/\s+/gu, ' ').trim()).filter(Boolean),
      };
    });
}

/** Fixture page bodies of at least 150 words; bodies that contain each other are one story (exact shingles). */
function readFixturePages(): { bases: Base[]; copiesOf: Map<string, Base[]> } {
  const dir = join(root, 'fixtures', 'pages');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.html')) files.push(join(d, e.name));
    }
  };
  walk(dir);
  const pages: Base[] = [];
  for (const file of files) {
    const slug = file.slice(dir.length + 1).replace(/\.html$/u, '');
    const a = extractArticle(readFileSync(file, 'utf8'), { url: `https://${slug.split('/')[0]}.example/${slug}` });
    if (tokens(a.text).length < 150) continue;
    pages.push({
      key: `page-${slug.replace(/\//gu, '-')}`,
      topic: `page-${slug}`,
      title: a.title ?? slug,
      site: a.siteName ?? slug.split('/')[0]!,
      url: a.canonicalUrl ?? a.url ?? `https://${slug}.example/`,
      publishedAt: a.publishedAt,
      paragraphs: a.text.split(/\n\s*\n/u),
    });
  }
  const bases: Base[] = [];
  const copiesOf = new Map<string, Base[]>();
  const sets = pages.map((p) => new Set(shingleHashes(tokens(p.paragraphs.join(' ')))));
  pages.forEach((p, i) => {
    const j = bases.findIndex((b) => {
      const k = pages.indexOf(b);
      const inter = [...sets[i]!].filter((h) => sets[k]!.has(h)).length;
      return inter / Math.min(sets[i]!.size, sets[k]!.size) >= 0.5;
    });
    if (j < 0) bases.push(p);
    else copiesOf.set(bases[j]!.key, [...(copiesOf.get(bases[j]!.key) ?? []), p]);
  });
  return { bases, copiesOf };
}

const OUTLETS = [
  ['Pinecrest Daily', 'pinecrestdaily.example'],
  ['The Morning Relay', 'morningrelay.example'],
  ['Bayview Post', 'bayviewpost.example'],
  ['Summit Chronicle', 'summitchronicle.example'],
  ['Eastgate News', 'eastgatenews.example'],
  ['Prairie Voice', 'prairievoice.example'],
  ['Cedar Times', 'cedartimes.example'],
  ['Newsline 24', 'newsline24.example'],
  ['The Civic Record', 'civicrecord.example'],
  ['Harborlight', 'harborlight.example'],
  ['Granite Star', 'granitestar.example'],
  ['Westfield Wire', 'westfieldwire.example'],
] as const;

const PREFIX_BOILERPLATE = [
  'Advertisement',
  'Share this article',
  'Listen to this article',
  'Sign up for our morning newsletter to get the day’s top stories.',
  'This content is available to subscribers and registered readers.',
  'Photo: Staff file photo',
];
const SUFFIX_BOILERPLATE = [
  'Copyright 2026. All rights reserved.',
  'Have a news tip? Email our newsroom.',
  'Follow us on social media for more updates.',
  'Related coverage: more from our business desk.',
  'Comments are closed for this story.',
  'Read next: the week in review.',
];
const NOTES = [
  'Editor’s note: This story has been updated to include additional reporting.',
  'Editor’s note: An earlier version of this article misstated a figure. It has been corrected.',
  'Editor’s note: This report comes to us through a content-sharing agreement and has been edited for length.',
  'Correction: A previous version of this story misspelled a name.',
];

/** Word-level edits a copy desk makes: fixed or introduced typos, straight quotes, spelled-out dashes. */
function typoEdits(paragraphs: string[], edits: number): string[] {
  const out = [...paragraphs];
  for (let e = 0; e < edits; e++) {
    const i = int(0, out.length - 1);
    const words = out[i]!.split(' ');
    const w = int(0, words.length - 1);
    const word = words[w]!;
    if (word.length > 4 && chance(0.6)) {
      const c = int(1, word.length - 3);
      words[w] = word.slice(0, c) + word[c + 1] + word[c] + word.slice(c + 2);
    } else words[w] = word.replace(/[’‘]/gu, "'").replace(/[“”]/gu, '"').replace(/—/gu, '--');
    out[i] = words.join(' ');
  }
  return out.map((p) => (chance(0.3) ? p.replace(/[“”]/gu, '"').replace(/’/gu, "'") : p));
}

function copyOf(base: Base, n: number, used: Set<string>): { input: DedupInput; perturbations: string[] } {
  let outlet = pick(OUTLETS);
  while (used.has(outlet[1])) outlet = pick(OUTLETS);
  used.add(outlet[1]);
  const [site, host] = outlet;
  const slug = base.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .slice(0, 50)
    .replace(/-$/u, '');
  const url = `https://${host}/${pick(['news', 'business', 'story', 'national'])}/${slug}-${int(1000, 9999)}`;
  const p: string[] = [];
  let body = [...base.paragraphs];
  const exact = chance(0.15);
  if (exact) p.push('exact-text');
  else {
    if (chance(0.4)) {
      const words = body.map((x) => x.split(' ').length);
      const total = words.reduce((a, b) => a + b, 0);
      const keep = 0.55 + rand() * 0.3;
      let k = 0;
      for (let acc = 0; k < body.length && acc < keep * total; k++) acc += words[k]!;
      body = body.slice(0, Math.max(2, k));
      p.push(`trimmed-${Math.round((body.join(' ').split(' ').length / total) * 100)}pct`);
      if (chance(0.5)) body.push(`Read the full story at ${base.site}.`);
    }
    if (chance(0.5)) {
      body = typoEdits(body, int(1, 4));
      p.push('typo-fixes');
    }
    if (chance(0.3)) {
      body.splice(chance(0.5) ? 0 : body.length, 0, pick(NOTES));
      p.push('editors-note');
    }
    if (chance(0.15) && body.length > 4) {
      const i = int(1, body.length - 3);
      [body[i], body[i + 1]] = [body[i + 1]!, body[i]!];
      p.push('paragraph-swap');
    }
  }
  let syndication: DedupInput['syndication'] = null;
  let canonicalUrl: string | null = url;
  if (!exact && chance(0.6)) {
    const pre = [...PREFIX_BOILERPLATE].sort(() => rand() - 0.5).slice(0, int(1, 3));
    const post = [...SUFFIX_BOILERPLATE].sort(() => rand() - 0.5).slice(0, int(1, 3));
    const credit = `This article originally appeared on ${base.site}.`;
    body = [...pre, ...body, ...(chance(0.6) ? [credit] : []), ...post];
    if (body.includes(credit)) syndication = { source: base.site, url: chance(0.5) ? base.url : null, rule: 'originally-appeared', evidence: credit };
    p.push('wrapper');
  }
  if (chance(0.2)) {
    canonicalUrl = base.url;
    syndication = { source: null, url: base.url, rule: 'cross-domain-canonical', evidence: `<link rel="canonical" href="${base.url}">` };
    p.push('cross-domain-canonical');
    // biome-ignore lint/suspicious/noDuplicateElseIf: chance() draws a new random number on each call; this is a second, independent draw
  } else if (!syndication && chance(0.2)) {
    const dateline = `(${base.site}) —`;
    body[0] = `${dateline} ${body[0]}`;
    syndication = { source: base.site, url: null, rule: 'wire-dateline', evidence: dateline };
    p.push('wire-dateline');
  }
  const title = pick([
    (t: string) => `${t} | ${site}`,
    (t: string) => `${t.split(' ').slice(0, 6).join(' ')}…`,
    (t: string) => `Report: ${t}`,
    (t: string) => t.toUpperCase(),
    (t: string) => `${t.replace(/ (As|After|With|to) .*/u, '')}, report says`,
  ])(base.title);
  const delay = int(1, 40) * 3600_000;
  const publishedAt = base.publishedAt && !chance(0.15) ? new Date(Date.parse(base.publishedAt) + delay).toISOString() : null;
  p.push(`copy-${n}`);
  return {
    input: { id: articleId(url), url, canonicalUrl, siteName: chance(0.9) ? site : null, title, text: body.join('\n\n'), publishedAt, syndication },
    perturbations: p,
  };
}

function baseInput(b: Base): DedupInput {
  return {
    id: articleId(b.url),
    url: b.url,
    canonicalUrl: b.url,
    siteName: b.site,
    title: b.title,
    text: b.paragraphs.join('\n\n'),
    publishedAt: b.publishedAt,
    syndication: null,
  };
}

function main(): void {
  const { bases: pageBases, copiesOf } = readFixturePages();
  const bases = [...readSeeds(), ...pageBases];
  const out: SyndicationCase[] = [];
  for (const b of bases) {
    out.push({ ...baseInput(b), story: b.key, isOriginal: true, perturbations: ['original'] });
    for (const c of copiesOf.get(b.key) ?? []) out.push({ ...baseInput(c), story: b.key, isOriginal: false, perturbations: ['fixture-page-copy'] });
    const used = new Set<string>();
    const n = int(3, 6);
    for (let i = 0; i < n; i++) {
      const { input, perturbations } = copyOf(b, i + 1, used);
      out.push({ ...input, story: b.key, isOriginal: false, perturbations });
    }
    if (chance(0.4)) {
      // why: the AMP page of the original is the same article at another URL: an exact duplicate by URL.
      const amp = { ...baseInput(b), url: `${b.url}/amp`, canonicalUrl: null };
      out.push({ ...amp, id: articleId(amp.url), text: `${amp.text}\n\nAdvertisement`, story: b.key, isOriginal: false, perturbations: ['amp-url'] });
    }
  }
  writeFileSync(join(outDir, 'articles.jsonl'), `${out.map((c) => JSON.stringify(c)).join('\n')}\n`);
  const stories = new Set(out.map((c) => c.story)).size;
  process.stdout.write(`wrote ${out.length} articles in ${stories} stories (${pageBases.length} from fixture pages) to fixtures/syndication/articles.jsonl\n`);
}

main();
