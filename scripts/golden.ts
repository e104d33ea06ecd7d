/**
 * The golden view of a fixture page: what the extractors make of it, compact enough to review as a diff.
 * Shared by scripts/update-goldens.ts (writes) and test/golden (compares).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extractArticle, extractEntities } from '../src/extractors/index.js';

/** The origin the fixture server has in `npm start` (newsflow replay's default port). */
export const GOLDEN_BASE = 'http://127.0.0.1:4780';

export function fixturePages(root: string): string[] {
  const dir = join(root, 'fixtures', 'pages');
  const out: string[] = [];
  for (const outlet of readdirSync(dir).sort()) {
    for (const f of readdirSync(join(dir, outlet)).sort()) if (f.endsWith('.html')) out.push(join(dir, outlet, f));
  }
  return out;
}

export function goldenPath(page: string): string {
  return page.replace(/\.html$/u, '.expected.json');
}

/** Extract a fixture page as the pipeline would (bytes in, {{BASE}} replaced) and summarize. */
export function goldenOf(root: string, page: string): unknown {
  const raw = readFileSync(page);
  const bytes = Buffer.from(raw.toString('latin1').replaceAll('{{BASE}}', GOLDEN_BASE), 'latin1');
  const url = `${GOLDEN_BASE}/${relative(join(root, 'fixtures'), page)}`;
  const article = extractArticle(bytes, { url, contentType: 'text/html' });
  const e = extractEntities(article.text, { publishedAt: article.publishedAt, title: article.title });
  return {
    article,
    entities: {
      people: e.people.map((p) => ({
        name: p.name,
        ...(p.title ? { title: p.title } : {}),
        rule: p.rule,
        aliases: p.aliases,
        mentions: p.mentions.map((m) => (m.titleStart === undefined ? `${m.start}-${m.end}` : `${m.start}-${m.end} title@${m.titleStart}`)),
      })),
      organizations: e.organizations.map((o) => ({
        name: o.name,
        kind: o.kind,
        rule: o.rule,
        aliases: o.aliases,
        mentions: o.mentions.map((m) => `${m.start}-${m.end}`),
      })),
      dates: e.dates.map((d) => ({ text: d.text, at: `${d.start}-${d.end}`, value: d.value, granularity: d.granularity, modifier: d.modifier, rule: d.rule })),
      quotes: e.quotes.map((q) => ({
        kind: q.kind,
        at: `${q.start}-${q.end}`,
        speaker: q.speaker?.name ?? null,
        cue: q.cue?.text ?? null,
        rule: q.rule,
        text: q.text.length > 90 ? `${q.text.slice(0, 90)}…` : q.text,
      })),
    },
  };
}
