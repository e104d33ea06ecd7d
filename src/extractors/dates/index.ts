/**
 * Date mentions with TIMEX3 values resolved against the publication date.
 * First version: chrono-node spans, past-biased; no publication date → year left unresolved.
 */
import * as chrono from 'chrono-node';
import type { DateMention, ExtractContext } from '../../domain/types.js';
import type { ParsedText } from '../nlp.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Find and resolve date mentions. Never throws. */
export function findDates(parsed: ParsedText, ctx: ExtractContext = {}): DateMention[] {
  const ref = ctx.publishedAt ? new Date(ctx.publishedAt) : null;
  const refOk = ref !== null && !Number.isNaN(ref.getTime());
  let results: chrono.ParsedResult[];
  try {
    results = chrono.parse(parsed.text, refOk ? { instant: ref, timezone: 0 } : new Date(0), { forwardDate: false });
  } catch {
    return [];
  }
  return results.map((r) => {
    const c = r.start;
    const year = c.isCertain('year') || refOk ? String(c.get('year') ?? '') : 'XXXX';
    const month = c.get('month');
    const day = c.get('day');
    let value: string;
    let granularity: DateMention['granularity'];
    if (c.isCertain('day')) {
      value = `${year}-${pad(month ?? 0)}-${pad(day ?? 0)}`;
      granularity = 'day';
    } else if (c.isCertain('month')) {
      value = `${year}-${pad(month ?? 0)}`;
      granularity = 'month';
    } else {
      value = year;
      granularity = 'year';
    }
    return {
      start: r.index,
      end: r.index + r.text.length,
      text: r.text,
      value,
      granularity,
      modifier: null,
      type: 'DATE' as const,
      range: null,
    };
  });
}
