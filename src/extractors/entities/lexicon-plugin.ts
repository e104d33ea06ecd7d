/**
 * compromise plugin with newsflow's lexicons (companies, given names, outlets, government bodies).
 * Loaded once by ../nlp.ts. Placeholder until the entities work lands.
 */
export const entityLexiconPlugin = {
  words: {} as Record<string, string>,
};
