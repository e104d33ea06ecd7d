/**
 * Entities written by hand for quote tests: every occurrence of a name (and of a person's last word) becomes a
 * mention, so quote tables test quotes and speakers, not the entity finder.
 */
import type { Organization, Person, Span } from '../../src/domain/types.js';

/** People and companies named in `text`, with a mention at every occurrence. */
export function handEntities(text: string, people: string[], orgs: string[] = []): { people: Person[]; organizations: Organization[] } {
  const find = (forms: string[]): Span[] => {
    const spans: Span[] = [];
    for (const f of forms) {
      for (const m of text.matchAll(new RegExp(`\\b${f.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}\\b`, 'gu'))) {
        const start = m.index ?? 0;
        if (!spans.some((s) => start >= s.start && start < s.end)) spans.push({ start, end: start + f.length, text: f });
      }
    }
    return spans.sort((a, b) => a.start - b.start);
  };
  return {
    people: people.map((name) => ({ name, kind: 'person', mentions: find([name, name.split(' ').pop() ?? name]), aliases: [] })),
    organizations: orgs.map((name) => ({ name, kind: 'company', mentions: find([name]), aliases: [] })),
  };
}
