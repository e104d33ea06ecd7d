/**
 * newsflow's library face: the extractors (pure) and the record types.
 * The pipeline (queues, workers, store) is driven by the CLI; see MAP.md.
 */
export { extractArticle, extractEntities, extractPage, MAX_ENTITY_TEXT } from './extractors/index.js';
export type { ExtractArticleOptions, PageInput, PageResult, PassHooks, PassName } from './extractors/index.js';
export * from './domain/types.js';
export * from './domain/errors.js';
