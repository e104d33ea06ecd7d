/**
 * The extractors' public face: pure functions, no I/O, no clock, no environment.
 * One pipeline of named passes (pipeline.ts): `extractPage` runs them all on a fetched page, `extractEntities` the
 * text passes on a body (one compromise parse handed to every extractor).
 */
export { extractArticle } from './article/index.js';
export type { ExtractArticleOptions } from './article/index.js';
export { extractEntities, extractPage, MAX_ENTITY_TEXT, PASSES } from './pipeline.js';
export type { PageInput, PageResult, PassHooks, PassName } from './pipeline.js';
