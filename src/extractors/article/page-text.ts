/**
 * A page's text as the pieces it was decoded in (charset.ts, decodeHtmlChunks), read without joining them: the
 * parser takes the pieces one by one, and the few readers of the raw text take slices.
 * why: the text as one string is a large object to V8, which costs more to allocate and free than the rest of the
 * decode (charset.ts)
 */
export class PageText {
  /** Total length in UTF-16 code units (the joined string's length). */
  readonly length: number;
  /** Where each piece starts in the joined text. */
  private readonly starts: number[];

  constructor(readonly chunks: readonly string[]) {
    this.starts = [];
    let at = 0;
    for (const c of chunks) {
      this.starts.push(at);
      at += c.length;
    }
    this.length = at;
  }

  /** The whole text as one string. */
  join(): string {
    return this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
  }

  /** The piece holding position `at` (0 ≤ at < length). */
  private chunkAt(at: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** What `join().slice(from, to)` gives, for 0 ≤ from ≤ to (both clamped to the length). */
  slice(from: number, to: number = this.length): string {
    const end = Math.min(to, this.length);
    if (from >= end) return '';
    let i = this.chunkAt(from);
    let out = '';
    for (; i < this.chunks.length && this.starts[i]! < end; i++) {
      const s = this.starts[i]!;
      out += this.chunks[i]!.slice(Math.max(0, from - s), end - s);
    }
    return out;
  }

  /** True when the text holds something other than white space (what `join().trim() !== ''` says). */
  hasNonSpace(): boolean {
    return this.chunks.some((c) => c.trim() !== '');
  }

  /**
   * The first match of `find` at or after `from`, where `find(s, from)` finds the first match in a string (at or
   * after `from`) and returns its start and length, and no match is longer than `longest` code units.
   * why: a match may cross from one piece into the next; each piece is searched with the start of the next one
   * appended, and a match there counts only if it starts in the piece itself (a later piece finds the others)
   */
  search(from: number, longest: number, find: (s: string, from: number) => { index: number; length: number } | null): { index: number; length: number } | null {
    if (this.chunks.length === 1) return find(this.chunks[0]!, from);
    if (from >= this.length) return null;
    for (let i = this.chunkAt(Math.max(0, from)); i < this.chunks.length; i++) {
      const s = this.starts[i]!;
      const chunk = this.chunks[i]!;
      const last = i === this.chunks.length - 1;
      const local = Math.max(0, from - s);
      // a match starting this far into the piece lies wholly inside it, and no match starting after it can
      // start before it: it is the first in the text
      const inside = find(chunk, local);
      if (inside && (last || inside.index + longest <= chunk.length)) return { index: s + inside.index, length: inside.length };
      if (last) return null;
      // the piece's last longest-1 code units with the next longest-1 after them: a match there starts in this
      // piece only when it starts before the seam
      const zone = Math.max(local, chunk.length - longest + 1);
      const window = chunk.slice(zone) + this.slice(s + chunk.length, s + chunk.length + longest - 1);
      const edge = find(window, 0);
      if (edge && zone + edge.index < chunk.length) return { index: s + zone + edge.index, length: edge.length };
    }
    return null;
  }
}
