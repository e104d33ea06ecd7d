/**
 * compromise plugin for newsflow's entity lexicons, loaded once by ../nlp.ts.
 * Deliberately empty: the lexicons in data/lexicons (given names, company words, outlets, government bodies) are
 * matched by the entity rules themselves (see lexicons.ts), so compromise's global tags — which the dates and quotes
 * extractors read too — stay compromise's own ("May" stays a month, "Will" a modal).
 */
export const entityLexiconPlugin = {
  words: {} as Record<string, string>,
};
