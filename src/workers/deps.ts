/**
 * What a worker needs, passed in as one object (no module-level singletons): Redis, queues, store, config,
 * a logger and a clock.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Queues } from '../queues/queues.js';
import type { ArticleStore } from '../store/article-store.js';

export interface WorkerDeps {
  redis: Redis;
  config: Config;
  queues: Queues;
  store: ArticleStore;
  log: Logger;
  now: () => Date;
}
