/** The key patterns of docs/redis-keys.md, for tests that hold keys against the documented layout. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEYS_DOC = join(import.meta.dirname, '../../docs/redis-keys.md');

export interface DocumentedKey {
  /** As written, without the `<p>` prefix: `idx:feed:<feedId>`. */
  pattern: string;
  /** The literal start, up to the first placeholder or `…`: `idx:feed:`. */
  head: string;
  /** The whole key under a given prefix. */
  matches: (key: string, prefix: string) => boolean;
}

// why two placeholder kinds: an origin or a host may hold a port (`127.0.0.1:4780`), no other placeholder a colon
const WIDE = new Set(['origin', 'host']);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

function toKey(pattern: string): DocumentedKey {
  const parts = pattern.split(/(<[a-zA-Z]+>|…)/u).filter(Boolean);
  const source = parts.map((x) => (x === '…' ? '.*' : x.startsWith('<') ? (WIDE.has(x.slice(1, -1)) ? '.+' : '[^:]+') : escapeRe(x))).join('');
  const re = new RegExp(`^${source}$`, 'u');
  const head = pattern.split(/<[a-zA-Z]+>|…/u)[0]!;
  return { pattern, head, matches: (key, prefix) => key.startsWith(prefix) && re.test(key.slice(prefix.length)) };
}

/** Every key row of the document's tables (the first cell, a `<p>…` pattern in backticks). */
export function documentedKeys(): DocumentedKey[] {
  return readFileSync(KEYS_DOC, 'utf8')
    .split('\n')
    .map((line) => /^\| `<p>([^`]+)` \|/u.exec(line)?.[1])
    .filter((x): x is string => x !== undefined)
    .map(toKey);
}

/** The keys among `keys` (all under `prefix`) that no documented pattern matches. */
export function undocumentedKeys(keys: readonly string[], prefix: string): string[] {
  const doc = documentedKeys();
  return keys.filter((k) => !doc.some((d) => d.matches(k, prefix)));
}
