/**
 * People and organizations in a parsed text, with offsets, canonical names and merged aliases.
 * First version: compromise's own people()/organizations() with a document-level merge on surnames.
 */
import type { ExtractContext, Organization, Person, Span } from '../../domain/types.js';
import type { ParsedText } from '../nlp.js';

export interface NamedEntities {
  people: Person[];
  organizations: Organization[];
}

interface Match {
  text: string;
  offset: { start: number; length: number };
}

function spansOf(matches: Match[]): Span[] {
  return matches.map((m) => {
    const raw = m.text.replace(/[’']s$/u, '').replace(/[.,;:!?"“”]+$/u, '').trim();
    return { start: m.offset.start, end: m.offset.start + raw.length, text: raw };
  });
}

/** Find people and organizations in the shared parse. Pure: same input, same output. */
export function findEntities(parsed: ParsedText, _ctx: ExtractContext = {}): NamedEntities {
  const personSpans = spansOf(parsed.doc.people().json({ offset: true }) as Match[]);
  const orgSpans = spansOf(parsed.doc.organizations().json({ offset: true }) as Match[]);

  const people: Person[] = [];
  for (const span of personSpans.sort((a, b) => b.text.length - a.text.length || a.start - b.start)) {
    const name = span.text.replace(/^(President|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+/u, '');
    const last = name.split(/\s+/u).pop() ?? name;
    const same = people.find((p) => p.name === name || p.name.split(/\s+/u).pop() === last);
    if (same) {
      same.mentions.push(span);
      if (!same.aliases.includes(span.text) && span.text !== same.name) same.aliases.push(span.text);
    } else {
      people.push({ name, kind: 'person', mentions: [span], aliases: span.text === name ? [] : [span.text] });
    }
  }
  const organizations: Organization[] = [];
  for (const span of orgSpans) {
    const same = organizations.find((o) => o.name === span.text);
    if (same) same.mentions.push(span);
    else organizations.push({ name: span.text, kind: 'company', mentions: [span], aliases: [] });
  }
  for (const e of [...people, ...organizations]) e.mentions.sort((a, b) => a.start - b.start);
  return { people, organizations };
}
