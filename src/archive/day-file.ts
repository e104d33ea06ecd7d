/**
 * One day of the archive: `<day>.ndjson.gz`, gzip members appended one per batch (one stored record per line, the
 * `newsflow export` NDJSON shape), and beside it `<day>.ids`, its index: one line per committed member,
 * `<end offset of the member in the .gz>\t<id>,<id>,…`.
 *
 * Order of a batch: the member is appended and fsynced, then its index line is appended and fsynced; only then may
 * the caller delete the records from Redis. A crash can therefore leave
 *   - a torn member at the end of the .gz (never indexed; its records are still in Redis): cut off at open;
 *   - a whole member the index does not list yet (its records are still in Redis): indexed at open;
 *   - an indexed member whose records are still in Redis: the next run finds their ids in the index and only
 *     deletes them from Redis.
 * why an index and not a read of the .gz: a re-run reads a few bytes per id instead of inflating the day, and the
 * index says where the last whole member ends (a torn one cannot be told from a whole one by reading forwards
 * without inflating everything).
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { NewsflowError } from '../domain/errors.js';

export const ARCHIVE_SUFFIX = '.ndjson.gz';
export const INDEX_SUFFIX = '.ids';

/** The UTC day (YYYY-MM-DD) of a time in ms: the file a record stored then goes to. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/** fsync a directory so a file created in it survives a crash (a no-op where directories cannot be opened). */
export function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // why ignore: some platforms refuse fsync on a directory; the data file itself is still fsynced
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

interface IndexState {
  /** Bytes of the .gz covered by whole, indexed members. */
  committed: number;
  ids: Set<string>;
  /** Bytes of the index file that hold whole lines. */
  indexBytes: number;
}

function readIndex(path: string): IndexState {
  const state: IndexState = { committed: 0, ids: new Set(), indexBytes: 0 };
  if (!existsSync(path)) return state;
  const text = readFileSync(path, 'utf8');
  const whole = text.lastIndexOf('\n') + 1;
  state.indexBytes = Buffer.byteLength(text.slice(0, whole));
  for (const line of text.slice(0, whole).split('\n')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const end = Number(line.slice(0, tab));
    if (tab < 0 || !Number.isSafeInteger(end)) throw new NewsflowError('ARCHIVE', `archive index ${path} has a bad line: ${line.slice(0, 80)}`);
    state.committed = end;
    for (const id of line.slice(tab + 1).split(',')) if (id) state.ids.add(id);
  }
  return state;
}

/** Ids of the records on the lines of an NDJSON buffer (each line starts with the record's "id" field). */
function idsOfLines(text: string): string[] {
  const ids: string[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const id = (JSON.parse(line) as { id?: unknown }).id;
    if (typeof id !== 'string') throw new Error('a line without an id');
    ids.push(id);
  }
  return ids;
}

/** A day file opened for appending, repaired first if the last run crashed half-way. */
export class DayFile {
  readonly gzPath: string;
  readonly indexPath: string;
  private state: IndexState;
  /** What opening found and did: a torn tail cut off, an unindexed member indexed. */
  readonly repaired: { cutBytes: number; indexedIds: number };

  constructor(
    readonly dir: string,
    readonly day: string,
  ) {
    this.gzPath = join(dir, `${day}${ARCHIVE_SUFFIX}`);
    this.indexPath = join(dir, `${day}${INDEX_SUFFIX}`);
    this.state = readIndex(this.indexPath);
    this.repaired = this.repair();
  }

  /** True when a record with this id is in a whole, indexed member. */
  has(id: string): boolean {
    return this.state.ids.has(id);
  }

  get size(): number {
    return this.state.ids.size;
  }

  private repair(): { cutBytes: number; indexedIds: number } {
    const out = { cutBytes: 0, indexedIds: 0 };
    // a torn last index line (no newline yet): drop it, the .gz check below re-derives it
    if (existsSync(this.indexPath) && fstatLength(this.indexPath) > this.state.indexBytes) truncateFile(this.indexPath, this.state.indexBytes);
    if (!existsSync(this.gzPath)) {
      if (this.state.committed > 0)
        throw new NewsflowError(
          'ARCHIVE',
          `${this.gzPath} is missing but ${this.indexPath} lists ${this.state.ids.size} records: restore it, or move the index away`,
        );
      return out;
    }
    const size = fstatLength(this.gzPath);
    if (size < this.state.committed) {
      throw new NewsflowError(
        'ARCHIVE',
        `${this.gzPath} is shorter (${size} B) than its index says (${this.state.committed} B): it was cut or replaced; restore it, or move its index away`,
      );
    }
    if (size === this.state.committed) return out;
    const tail = readRange(this.gzPath, this.state.committed, size);
    let ids: string[] | null = null;
    try {
      ids = idsOfLines(gunzipSync(tail).toString('utf8'));
    } catch {
      ids = null;
    }
    if (ids === null) {
      // a member torn by a crash before its fsync returned: its records were never deleted from Redis
      truncateFile(this.gzPath, this.state.committed);
      out.cutBytes = size - this.state.committed;
    } else {
      // a whole member written before a crash that came before its index line: index it now
      this.appendIndex(size, ids);
      out.indexedIds = ids.length;
    }
    return out;
  }

  private appendIndex(end: number, ids: string[]): void {
    const created = !existsSync(this.indexPath);
    const fd = openSync(this.indexPath, 'a');
    try {
      writeAll(fd, Buffer.from(`${end}\t${ids.join(',')}\n`));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (created) fsyncDir(this.dir);
    this.state.committed = end;
    for (const id of ids) this.state.ids.add(id);
  }

  /**
   * Append `lines` (NDJSON, each ending in a newline) of records `ids` as one gzip member, durably: when this
   * returns, the member and its index line are fsynced. `pause` is the crash-test hook (see archiver.ts).
   */
  append(ids: string[], lines: string, pause: (point: 'torn-write' | 'written') => void = () => {}): number {
    if (!ids.length) return 0;
    const member = gzipSync(lines);
    const created = !existsSync(this.gzPath);
    const fd = openSync(this.gzPath, 'a');
    try {
      if (fstatSync(fd).size !== this.state.committed)
        throw new NewsflowError('ARCHIVE', `${this.gzPath} changed while being archived to: is another archiver writing to ${this.dir}?`);
      const half = Math.floor(member.length / 2);
      writeAll(fd, member.subarray(0, half));
      pause('torn-write');
      writeAll(fd, member.subarray(half));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (created) fsyncDir(this.dir);
    pause('written');
    this.appendIndex(this.state.committed + member.length, ids);
    return member.length;
  }
}

function fstatLength(path: string): number {
  const fd = openSync(path, 'r');
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

function truncateFile(path: string, length: number): void {
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readRange(path: string, start: number, end: number): Buffer {
  const buf = Buffer.alloc(end - start);
  const fd = openSync(path, 'r');
  try {
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, start + off);
      if (n === 0) break;
      off += n;
    }
  } finally {
    closeSync(fd);
  }
  return buf;
}

/**
 * The lines of a day file's whole members (up to the end its index commits; the whole file when it has no index),
 * one by one. A torn tail past the committed end is never read: its records are still in Redis.
 */
export async function* dayFileLines(dir: string, day: string): AsyncGenerator<string> {
  const gzPath = join(dir, `${day}${ARCHIVE_SUFFIX}`);
  const indexPath = join(dir, `${day}${INDEX_SUFFIX}`);
  const committed = existsSync(indexPath) ? readIndex(indexPath).committed : fstatLength(gzPath);
  if (committed === 0) return;
  const input = createReadStream(gzPath, { start: 0, end: committed - 1 }).pipe(createGunzip());
  for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line) yield line;
}
