/**
 * Reading and editing the feeds config file on disk. YAML edits keep comments and layout (the yaml Document
 * API); JSON files are rewritten as JSON. Writes go through a temp file and a rename, so a watcher never reads
 * half a file; edits hold a lock on the file (file-lock.ts), so concurrent `feeds add|remove` never lose one.
 */
import { existsSync } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { ConfigError, NotFoundError } from '../domain/errors.js';
import { withFileLock } from '../file-lock.js';
import { canonicalizeUrl } from '../url/canonical.js';
import { feedIdFromUrl, feedsSeqOf, formatDuration, parseFeedsConfig, type FeedsConfig, type FeedSpec } from './feeds-config.js';

const isJson = (path: string) => path.toLowerCase().endsWith('.json');

/** Load and validate `path`. A missing file is an error naming the path. */
export async function loadFeedsFile(path: string): Promise<FeedsConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new NotFoundError(`feeds config ${path} not found (create it, or add a feed with \`newsflow feeds add <url> --config ${path}\`)`);
  }
  return parseFeedsConfig(text, path);
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw new ConfigError(`cannot write ${path}: ${(err as Error).message}`);
  }
}

export interface NewFeed {
  url: string;
  id?: string;
  every?: string;
  cron?: string;
  tags?: string[];
  /** Declared source type (written to the file); absent, the worker tells it from the content. */
  type?: 'feed' | 'sitemap';
}

/**
 * Append a feed to the file (created when missing), validating the result; returns the feed as resolved.
 * The read, edit and rename happen under a lock on the file, so concurrent adds and removes never lose an edit.
 */
export async function addFeedToFile(path: string, feed: NewFeed): Promise<FeedSpec> {
  const url = canonicalizeUrl(feed.url);
  if (!url) throw new ConfigError(`not an http(s) URL: ${feed.url}`);
  const entry: Record<string, unknown> = { id: feed.id ?? feedIdFromUrl(url), url };
  if (feed.every) entry.every = feed.every;
  if (feed.cron) entry.cron = feed.cron;
  if (feed.tags?.length) entry.tags = feed.tags;
  if (feed.type) entry.type = feed.type;
  return withFileLock(path, async () => {
    const text = existsSync(path) ? await readFile(path, 'utf8') : '';
    // why first: a broken file (truncated JSON, a YAML error) is reported with its file:line, never rewritten
    if (text.trim()) parseFeedsConfig(text, path);
    let next: string;
    if (isJson(path)) {
      const obj = (text.trim() ? JSON.parse(text) : {}) as { feeds?: unknown[] };
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new ConfigError(`${path}: the top level must be an object with a "feeds" list`);
      obj.feeds = [...(obj.feeds ?? []), entry];
      next = `${JSON.stringify(obj, null, 2)}\n`;
    } else {
      const doc = parseDocument(text || '# newsflow feeds: see feeds.example.yaml\nfeeds: []\n');
      const seq = feedsSeqOf(doc);
      // why: an empty `feeds: []` is a flow sequence; new entries read better in block style
      if (seq.items.length === 0) seq.flow = false;
      seq.add(doc.createNode(entry));
      next = doc.toString({ flowCollectionPadding: false });
    }
    const config = parseFeedsConfig(next, path); // refuses duplicates and bad values before anything is written
    await writeAtomically(path, next);
    return config.feeds.find((f) => f.id === entry.id)!;
  });
}

/** Remove the feed with this id or URL; returns its id. Under the same lock as addFeedToFile. */
export async function removeFeedFromFile(path: string, idOrUrl: string): Promise<string> {
  if (!existsSync(path)) await loadFeedsFile(path); // the "not found" error, without creating a lock beside nothing
  return withFileLock(path, async () => {
    const text = await readFile(path, 'utf8');
    const config = parseFeedsConfig(text, path);
    const url = canonicalizeUrl(idOrUrl);
    const index = config.feeds.findIndex((f) => f.id === idOrUrl || (url !== null && f.url === url));
    if (index < 0) throw new NotFoundError(`no feed "${idOrUrl}" in ${path}`);
    let next: string;
    if (isJson(path)) {
      const obj = JSON.parse(text) as { feeds: unknown[] };
      obj.feeds.splice(index, 1);
      next = `${JSON.stringify(obj, null, 2)}\n`;
    } else {
      const doc = parseDocument(text);
      feedsSeqOf(doc).delete(index);
      next = doc.toString({ flowCollectionPadding: false });
    }
    await writeAtomically(path, next);
    return config.feeds[index]!.id;
  });
}

/** How a feed's schedule reads in listings ("every 15m", "cron 0 * * * * (Europe/Paris)"). */
export function describeSchedule(f: Pick<FeedSpec, 'everyMs' | 'cron' | 'tz'>): string {
  if (f.cron) return `cron ${f.cron}${f.tz ? ` (${f.tz})` : ''}`;
  return `every ${formatDuration(f.everyMs ?? 0)}`;
}
