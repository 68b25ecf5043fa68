// A short-lived, bounded cache of public GET answers in front of a service's app.
export { BoundedLru, type LruLimits, type Sized } from './bounded-lru.js';
export {
  ReadCache,
  keyOf,
  type CachedAnswer,
  type ReadCacheOptions,
  type ReadCacheStats,
} from './read-cache.js';
export { withReadCache, type InFrontOptions } from './in-front.js';
export { MAX_READ_CACHE_TTL_MS, PUBLIC_CACHE_CONTROL, readCacheShape } from './config.js';
