/**
 * `npm run goldens`: regenerate fixtures/pages/<outlet>/<slug>.expected.json from the current extractors.
 * Review the diff (git diff fixtures/) before committing: it shows exactly what a change did to every page.
 */
import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturePages, goldenOf, goldenPath } from './golden.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pages = fixturePages(root);
for (const page of pages) {
  writeFileSync(goldenPath(page), `${JSON.stringify(goldenOf(root, page), null, 2)}\n`);
  process.stdout.write(`wrote ${relative(root, goldenPath(page))}\n`);
}
process.stdout.write(`${pages.length} goldens written; review with: git diff --stat fixtures/\n`);
